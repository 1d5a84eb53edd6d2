/** Words of the area overlaps (warnings on an inscription), Spanish first. */
import { defineMessages } from '../i18n/i18n.tsx';

export const om = defineMessages(
  {
    'ov.title': 'Superposición con áreas protegidas o de exclusión',
    'ov.note':
      'Advertencia, no un rechazo: el frente o el derecho se ubica dentro de estas áreas. La minería en un área natural protegida está excluida; en su zona de amortiguamiento requiere la opinión favorable del SERNANP (Ley 26834).',
    'ov.none': 'El frente y el derecho no se superponen con áreas protegidas, zonas de amortiguamiento, áreas de exclusión ni reservas indígenas.',
    'ov.entity': 'Qué se superpone',
    'ov.entity.front': 'Frente minero',
    'ov.entity.right': 'Derecho minero',
    'ov.kind': 'Tipo de área',
    'ov.kind.protected': 'Área natural protegida',
    'ov.kind.buffer': 'Zona de amortiguamiento',
    'ov.kind.exclusion': 'Área de exclusión',
    'ov.kind.indigenous_reserve': 'Reserva indígena',
    'ov.area': 'Área',
    'ov.category': 'Categoría',
    'ov.hectares': 'Hectáreas superpuestas',
  },
  {
    'ov.title': 'Overlap with protected or exclusion areas',
    'ov.note':
      'A warning, not a refusal: the front or the right lies inside these areas. Mining in a protected natural area is excluded; in its buffer zone it needs SERNANP’s favourable opinion (Law 26834).',
    'ov.none': 'The front and the right overlap no protected area, buffer zone, exclusion area or indigenous reserve.',
    'ov.entity': 'What overlaps',
    'ov.entity.front': 'Mining front',
    'ov.entity.right': 'Mining right',
    'ov.kind': 'Kind of area',
    'ov.kind.protected': 'Protected natural area',
    'ov.kind.buffer': 'Buffer zone',
    'ov.kind.exclusion': 'Exclusion area',
    'ov.kind.indigenous_reserve': 'Indigenous reserve',
    'ov.area': 'Area',
    'ov.category': 'Category',
    'ov.hectares': 'Hectares overlapping',
  },
);
