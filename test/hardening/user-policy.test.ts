/** The four inputs of issue 19 that `veta user add` accepted, and what a good account looks like. */
import { describe, expect, test } from 'vitest';
import { withCheckDigit } from '../../src/kernel/ruc.ts';
import { checkNewUser, checkPassword } from '../../src/platform/auth/user-policy.ts';

const good = { username: 'r.quispe-21', password: 'ladera-verde-ichu-2031', role: 'regional', region: '21' };
const codes = (u: Parameters<typeof checkNewUser>[0]) => checkNewUser(u).map((p) => p.code);

describe('checkNewUser', () => {
  test('a good account passes', () => {
    expect(codes(good)).toEqual([]);
    expect(codes({ username: 'cecomip', password: 'quinua-y-oro-del-altiplano', role: 'miner', ruc: withCheckDigit('2045678901') })).toEqual([]);
  });

  test("issue 19's inputs are each refused", () => {
    expect(codes({ ...good, password: 'x' })).toContain('password.too_short');
    expect(codes({ ...good, password: 'x' }).every((c) => c.startsWith('password.'))).toBe(true);
    expect(codes({ ...good, region: '99' })).toEqual(['region.invalid']);
    expect(codes({ ...good, region: '00' })).toEqual(['region.invalid']);
    expect(codes({ username: 'minero', password: good.password, role: 'miner', ruc: '123' })).toEqual(['ruc.invalid']);
    const ruc = withCheckDigit('2045678901');
    const wrongDigit = ruc.slice(0, 10) + String((Number(ruc[10]) + 1) % 10);
    expect(codes({ username: 'minero', password: good.password, role: 'miner', ruc: wrongDigit })).toEqual(['ruc.invalid']);
    expect(codes({ ...good, username: 'evil<script>' })).toEqual(['username.invalid']);
    expect(codes({ ...good, username: 'ab' })).toEqual(['username.invalid']);
    expect(codes({ ...good, username: 'Puno' })).toEqual(['username.invalid']);
  });

  test('the roles that need a region or a RUC', () => {
    expect(codes({ username: 'campo', password: good.password, role: 'surveyor' })).toEqual(['region.required']);
    expect(codes({ username: 'minero', password: good.password, role: 'miner' })).toEqual(['ruc.required']);
  });
});

describe('checkPassword (OWASP ASVS 4.0.3 V2.1)', () => {
  test('12 characters at least, counted as characters, not bytes', () => {
    expect(checkPassword('ñandú-ñandú', 'x').map((p) => p.code)).toEqual(['password.too_short']);
    expect(checkPassword('ñandú-ñandú!', 'x')).toEqual([]);
  });
  test('a listed common password is refused, whatever its case', () => {
    expect(checkPassword('password1234', 'x').map((p) => p.code)).toEqual(['password.common']);
    expect(checkPassword('PASSWORD1234', 'x').map((p) => p.code)).toEqual(['password.common']);
  });
  test('not the username, nor containing it; not one character repeated', () => {
    expect(checkPassword('arequipa-arequipa', 'arequipa').map((p) => p.code)).toEqual(['password.contains_username']);
    expect(checkPassword('aaaaaaaaaaaaaaa', 'x').map((p) => p.code)).toEqual(['password.repeated']);
  });
  test('the demo passwords would not pass: the demo creates its users without this check', () => {
    expect(checkPassword('veta-puno', 'puno').map((p) => p.code)).toEqual(['password.too_short', 'password.contains_username']);
  });
});
