// @ts-nocheck
import type { PolicyInfo } from './monitoring.schema.ts';

/**
 * The national policy Veta follows by default: the Política Nacional Multisectorial para
 * la Pequeña Minería y Minería Artesanal al 2030 (MINEM). `veta policy …` commands act on
 * it unless told `--policy CODE`.
 */
export const DEFAULT_POLICY_CODE = 'PNMPMMA-2030';

/** What Veta knows of a policy before any matrix names it (title lines of the report). */
export const KNOWN_POLICIES: Readonly<Record<string, Required<Omit<PolicyInfo, 'code'>>>> = {
  [DEFAULT_POLICY_CODE]: {
    name: 'Política Nacional Multisectorial para la Pequeña Minería y Minería Artesanal al 2030',
    sector: '16: ENERGÍA Y MINAS',
    leadEntity: '016: M. DE ENERGÍA Y MINAS',
    policyType: 'MULTISECTORIAL',
  },
};

/** Policy codes as stored: upper-case letters, digits, `.`, `_`, `-`; 2 to 40 characters. */
export const POLICY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{1,39}$/;
