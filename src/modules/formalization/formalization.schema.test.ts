import { describe, expect, it } from 'vitest';
import { accessSchema, actionSchema } from './formalization.schema.ts';
import { initialState } from './formalization.domain.ts';
import { buildAction, MINER, sha } from './formalization.factories.ts';

const envelope = { id: 'a1', expedienteId: 'exp-1', at: '2024-03-01T10:00:00-05:00', actor: MINER };
const access = {
  mode: 'cession_contract',
  concessionCode: '010203404',
  counterparty: { name: 'Titular', documentNumber: '20123456789' },
  signedOn: '2024-01-05',
  startsOn: '2024-01-05',
  documentSha256: sha(7),
};

function issues(input: unknown): string[] {
  const result = actionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe('action schema', () => {
  it('accepts a valid filing of the mining-right access and defaults documents', () => {
    const filed = buildAction(initialState(), 'file', 'mining_right_access', envelope);
    expect(actionSchema.parse(filed)).toEqual(filed);
    const parsed = actionSchema.parse({ ...envelope, type: 'start_review', requirement: 'igafom', payload: {} });
    expect(parsed.documents).toEqual([]);
  });

  it('requires the access details, attached, for mining_right_access, and the kind for the technical file', () => {
    const base = { ...envelope, type: 'file', documents: [] };
    expect(issues({ ...base, requirement: 'mining_right_access', payload: {} })).toContain('Filing mining_right_access needs the access details');
    expect(issues({ ...base, requirement: 'mining_right_access', payload: { access } })).toContain('The access document must be attached');
    expect(issues({ ...base, requirement: 'technical_file', payload: {} })).toContain('Filing technical_file needs its kind');
    expect(issues({ ...base, requirement: 'igafom', payload: { technicalFileKind: 'processing' } })).toContain('The kind belongs to technical_file');
  });

  it('checks access modes: contracts name the counterparty and the signing date; dates are ordered', () => {
    expect(accessSchema.safeParse(access).success).toBe(true);
    const { counterparty: _c, signedOn: _s, ...bare } = access;
    expect(accessSchema.safeParse(bare).success).toBe(false);
    expect(accessSchema.safeParse({ ...bare, mode: 'own_concession' }).success).toBe(true);
    expect(accessSchema.safeParse({ ...access, mode: 'own_concession' }).success).toBe(false);
    expect(accessSchema.safeParse({ ...access, endsOn: '2023-12-31' }).success).toBe(false);
  });

  it('rejects malformed envelopes, hashes and deadlines', () => {
    const observe = { ...envelope, type: 'observe', requirement: 'igafom', documents: [] };
    expect(issues({ ...observe, payload: { observations: ['x'], deadlineBusinessDays: 0 } })).not.toEqual([]);
    expect(issues({ ...observe, payload: { observations: [], deadlineBusinessDays: 5 } })).not.toEqual([]);
    expect(issues({ ...observe, at: '2024-03-01 10:00', payload: { observations: ['x'], deadlineBusinessDays: 5 } })).not.toEqual([]);
    const doc = { name: 'a.pdf', sha256: 'ABC', size: 1 };
    expect(issues({ ...envelope, type: 'start_review', requirement: 'igafom', payload: {}, documents: [doc] })).not.toEqual([]);
    expect(issues({ ...envelope, type: 'suspend', payload: { reasonCode: 'whim', reason: 'x', effectiveOn: '2024-03-01' } })).not.toEqual([]);
  });
});
