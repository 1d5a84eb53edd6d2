import { defineMessages } from '../i18n/i18n.tsx';

/** Words of the home page's counts: what each number counts. */
export const hm = defineMessages(
  {
    'home.total': 'Inscripciones en el REINFO',
    'home.totalHint': 'todas, en cualquier estado',
    'home.withExpediente': 'Con expediente de formalización',
    'home.withExpedienteHint': '{pct} de las inscripciones',
    'home.funnelNote':
      'Cuenta expedientes, no inscripciones: el primer hito ("Inscrito") son los {opened} expedientes abiertos, de {total} inscripciones en el REINFO; cada barra, cuántos de ellos alcanzaron el hito.',
  },
  {
    'home.total': 'REINFO inscriptions',
    'home.totalHint': 'all of them, whatever their status',
    'home.withExpediente': 'With a formalization file',
    'home.withExpedienteHint': '{pct} of the inscriptions',
    'home.funnelNote':
      'Counts files, not inscriptions: the first milestone ("Inscribed") is the {opened} files opened, out of {total} REINFO inscriptions; each bar, how many of them reached the milestone.',
  },
);
