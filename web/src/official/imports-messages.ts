import { defineMessages } from '../i18n/i18n.tsx';

/** Words of the import history (ImportsPage.tsx). */
export const ih = defineMessages(
  {
    'ih.title': 'Historial de importaciones',
    'ih.note':
      'Quién importó qué y cuándo, desde la web, la línea de comandos o la demostración. El número de importación es el que llevan sus registros y la auditoría; una carga que no escribió nada solo tiene número de carga.',
    'ih.number': 'N.º',
    'ih.upload': 'Carga {id}',
    'ih.when': 'Cuándo',
    'ih.who': 'Quién',
    'ih.file': 'Archivo',
    'ih.kind': 'Tipo',
    'ih.status': 'Estado',
    'ih.records': 'Filas del archivo',
    'ih.errors': 'Errores y filas rechazadas',
    'ih.errorsCsv': 'Errores (CSV)',
    'ih.rejectedAgain': 'Filas rechazadas…',
    'ih.rejectedPick': 'Elija el mismo archivo para recortar sus filas rechazadas',
    'ih.fileName': 'Nombre del archivo',
    'ih.importNumber': 'Importación n.º {id}',
    'ih.uploadNumber': 'Carga n.º {id} (no escribió nada)',
    'ih.summary': '{records} filas en el archivo: {inserted} nuevas, {updated} actualizadas, {unchanged} sin cambios, {rejected} rechazadas',
  },
  {
    'ih.title': 'Import history',
    'ih.note':
      'Who imported what and when, from the web, the command line or the demo. The import number is the one its records and the audit carry; an upload that wrote nothing only has an upload number.',
    'ih.number': 'No.',
    'ih.upload': 'Upload {id}',
    'ih.when': 'When',
    'ih.who': 'Who',
    'ih.file': 'File',
    'ih.kind': 'Kind',
    'ih.status': 'Status',
    'ih.records': 'Rows in the file',
    'ih.errors': 'Errors and rejected rows',
    'ih.errorsCsv': 'Errors (CSV)',
    'ih.rejectedAgain': 'Rejected rows…',
    'ih.rejectedPick': 'Choose the same file to cut out its rejected rows',
    'ih.fileName': 'File name',
    'ih.importNumber': 'Import no. {id}',
    'ih.uploadNumber': 'Upload no. {id} (wrote nothing)',
    'ih.summary': '{records} rows in the file: {inserted} new, {updated} updated, {unchanged} unchanged, {rejected} rejected',
  },
);
