/**
 * What a new account must satisfy when an operator or an administrator creates it (CLI and
 * API). The demo creates its users through `createUser` directly and keeps its short,
 * documented passwords; every other path goes through `checkNewUser`.
 */
import { createRequire } from 'node:module';
import { isValidRuc } from '../../kernel/ruc.ts';

export interface UserProblem {
  field: 'username' | 'password' | 'region' | 'ruc';
  code: string;
  message: string;
}

/** OWASP ASVS 4.0.3 V2.1.1: at least 12 characters; V2.1.2: at least 64 permitted (128 here). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
/** INEI department codes: 01 Amazonas … 25 Ucayali (07 is Callao). */
export const DEPARTMENT_PATTERN = /^(0[1-9]|1\d|2[0-5])$/;

let common: Set<string> | undefined;
/**
 * ~49,000 passwords most often found in breaches (zxcvbn-ts's common list), lower-cased;
 * the package decompresses its lists when loaded, so it is loaded with the first password
 * checked, not by every command and server start.
 */
const commonPasswords = (): Set<string> => {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
};

/**
 * Password rules of OWASP ASVS 4.0.3 level 2: V2.1.1 length ≥ 12, V2.1.2 up to 128,
 * V2.1.7 not a breached/common password, V2.1.9 no composition rules (none imposed here);
 * plus: not the username (nor containing it), not one character repeated.
 */
export function checkPassword(password: string, username: string): UserProblem[] {
  const problems: UserProblem[] = [];
  const chars = [...password];
  const p = (code: string, message: string): void => void problems.push({ field: 'password', code, message });
  if (chars.length < PASSWORD_MIN) p('password.too_short', `The password needs at least ${PASSWORD_MIN} characters (it has ${chars.length}).`);
  if (chars.length > PASSWORD_MAX) p('password.too_long', `The password may have at most ${PASSWORD_MAX} characters.`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) p('password.common', 'The password is on the list of commonly used passwords.');
  if (username && lower.includes(username.toLowerCase())) p('password.contains_username', 'The password must not contain the username.');
  if (chars.length > 0 && new Set(chars).size === 1) p('password.repeated', 'The password must not be one character repeated.');
  return problems;
}

export interface NewUserInput {
  username: string;
  password: string;
  role: string;
  region?: string | null;
  ruc?: string | null;
}

/**
 * What a role needs: a department for the regional official and the surveyor, a RUC for
 * the miner; a region must be an INEI department code and a RUC carry its check digit.
 * Used for a new account and for an administrator's change of role, region or RUC.
 */
export function checkRoleScope(u: { role: string; region?: string | null; ruc?: string | null }): UserProblem[] {
  const problems: UserProblem[] = [];
  const regional = u.role === 'regional' || u.role === 'surveyor';
  if (regional && !u.region) problems.push({ field: 'region', code: 'region.required', message: `The role ${u.role} needs a department code.` });
  if (u.region && !DEPARTMENT_PATTERN.test(u.region)) {
    problems.push({ field: 'region', code: 'region.invalid', message: `${JSON.stringify(u.region)} is not an INEI department code (01 to 25).` });
  }
  if (u.role === 'miner' && !u.ruc) problems.push({ field: 'ruc', code: 'ruc.required', message: 'The role miner needs the RUC of its own records.' });
  if (u.ruc && !isValidRuc(u.ruc))
    problems.push({ field: 'ruc', code: 'ruc.invalid', message: `${JSON.stringify(u.ruc)} is not a valid RUC (11 digits with SUNAT's check digit).` });
  return problems;
}

/** Every problem of a new account at once (the RUC by SUNAT's rule, `src/kernel/ruc.ts`). */
export function checkNewUser(u: NewUserInput): UserProblem[] {
  const problems: UserProblem[] = [];
  if (!USERNAME_PATTERN.test(u.username)) {
    problems.push({
      field: 'username',
      code: 'username.invalid',
      message: 'The username takes 3 to 32 characters: lower-case letters, digits, ".", "_" or "-".',
    });
  }
  problems.push(...checkPassword(u.password, u.username));
  problems.push(...checkRoleScope(u));
  return problems;
}
