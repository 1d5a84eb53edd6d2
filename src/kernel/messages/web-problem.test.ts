/** How the web app words a server problem or a row error (web/src/i18n/server.tsx): by code, else by status, never the English detail. */
import { describe, expect, it } from 'vitest';
import { problemText, rowErrorMessage } from '../../../web/src/i18n/server-text.ts';

describe('a server problem on a page', () => {
  it('is worded by its code and parameters', () => {
    expect(problemText('es', { code: 'expediente_not_found', params: { id: 242 }, detail: 'Expediente 242 not found' }, 404)).toEqual({
      text: 'No hay un expediente 242, o no está en su ámbito.',
    });
    expect(problemText('en', { code: 'coop.version_conflict', params: { version: 3 } }, 409).text).toBe(
      'Someone else changed the project (now at version 3). Open it again to see their changes.',
    );
  });

  it('without a known code: by its status, with an unknown code kept for the small print, never the English detail', () => {
    const unknown = problemText('es', { code: 'brand.new', detail: 'Something went wrong in English' }, 409);
    expect(unknown).toEqual({ text: 'La operación contradice el estado actual del registro.', unknownCode: 'brand.new' });
    expect(problemText('es', { detail: 'No route GET /api/x' }, 404).text).toBe('No se encontró lo solicitado, o no está en su ámbito.');
    expect(problemText('es', { detail: 'boom' }, 502).text).toBe('Error interno del servidor. Vuelva a intentar más tarde.');
    expect(problemText('es', undefined, 418).text).toBe('No se pudo completar la operación.');
  });
});

describe('an import row error on a page', () => {
  it('is worded by its code; an unknown code gives the generic sentence and the code', () => {
    expect(rowErrorMessage('es', { code: 'reinfo.district.unknown', params: { province: 'PUNO' }, message: 'no such district in the province PUNO' })).toEqual({
      text: 'No existe ese distrito en la provincia PUNO.',
    });
    expect(rowErrorMessage('es', { code: 'x.new', message: 'new thing' })).toEqual({ text: 'No se pudo completar la operación.', unknownCode: 'x.new' });
    expect(rowErrorMessage('en', { message: 'an old stored job' }).text).toBe('an old stored job');
    expect(rowErrorMessage('es', { message: 'an old stored job' }).text).toBe('No se pudo completar la operación.');
  });
});
