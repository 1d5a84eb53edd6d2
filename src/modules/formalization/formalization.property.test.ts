import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INSCRIPTION_ACTION_TYPES,
  REQUIREMENT_ACTION_TYPES,
  REQUIREMENT_CODES,
  actionSchema,
  type Action,
  type ActorRole,
  type RequirementCode,
} from './formalization.schema.ts';
import { expedienteStateSchema, type ExpedienteState } from './formalization-state.schema.ts';
import { PREREQUISITES, allowedActions, applyAction, initialState, reduce, type WorkflowActionType } from './formalization.domain.ts';
import { stepIntervals } from './formalization-analysis.domain.ts';
import { actorFor, buildAction } from './formalization.factories.ts';

type Step = { pick: number; forward: boolean; gapHours: number };

const FORWARD = new Set<WorkflowActionType>(['open', 'file', 'start_review', 'approve', 'correct']);
const ROLES: readonly ActorRole[] = ['miner', 'regional_official', 'national_official', 'system'];

const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(),
  // Mostly move forward, so that many runs reach formalized; sometimes anything allowed.
  forward: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  gapHours: fc.integer({ min: 0, max: 24 * 40 }),
});
const stepsArb = fc.array(stepArb, { maxLength: 120, size: 'max' });

function envelope(index: number, at: number, role: ActorRole) {
  return { id: `a${index}`, expedienteId: 'exp-1', at: new Date(at).toISOString(), actor: actorFor(role) };
}

/** Plays a random walk of allowed actions; fails if the workflow refuses one of them. */
function walk(steps: readonly Step[]): { states: ExpedienteState[]; actions: Action[] } {
  let state = initialState();
  let clock = Date.parse('2023-01-02T14:00:00.000Z');
  const states = [state];
  const actions: Action[] = [];
  steps.forEach((step, index) => {
    const allowed = allowedActions(state);
    const forward = step.forward ? allowed.filter((a) => FORWARD.has(a.type)) : [];
    const pool = forward.length > 0 ? forward : allowed;
    const choice = pool[step.pick % Math.max(pool.length, 1)];
    if (!choice) return;
    const role = choice.roles[step.pick % choice.roles.length] ?? 'regional_official';
    clock += step.gapHours * 3_600_000;
    const action = buildAction(state, choice.type, choice.requirement, envelope(index, clock, role));
    const result = applyAction(state, action);
    if (!result.ok) throw new Error(`Allowed ${action.type} refused: ${result.rejection.message}`);
    state = result.state;
    states.push(state);
    actions.push(action);
  });
  return { states, actions };
}

const CANDIDATES: { type: WorkflowActionType; requirement?: RequirementCode }[] = [
  ...INSCRIPTION_ACTION_TYPES.map((type) => ({ type })),
  ...REQUIREMENT_CODES.flatMap((requirement) => REQUIREMENT_ACTION_TYPES.map((type) => ({ type, requirement }))),
];

describe('formalization workflow properties', () => {
  it('(a) no sequence of allowed actions formalizes without every requirement approved', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        for (const state of walk(steps).states) {
          const statuses = REQUIREMENT_CODES.map((code) => state.requirements[code].status);
          if (state.stage === 'formalized') expect(statuses.every((s) => s === 'approved')).toBe(true);
          // Order: nothing is filed before its prerequisites are approved.
          for (const code of REQUIREMENT_CODES) {
            if (state.requirements[code].status === 'not_started') continue;
            for (const p of PREREQUISITES[code]) expect(state.requirements[p].status).toBe('approved');
          }
        }
      }),
    );
  });

  it('the random walk does reach formalized', () => {
    const runs = fc.sample(stepsArb, { numRuns: 200, seed: 20240331 });
    const formalized = runs.filter((steps) => walk(steps).states.at(-1)?.stage === 'formalized').length;
    expect(formalized).toBeGreaterThan(10);
  });

  it('(b) every reachable state has a non-empty set of next actions unless formalized', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        for (const state of walk(steps).states) {
          const next = allowedActions(state);
          expect(next.length === 0).toBe(state.stage === 'formalized');
          for (const a of next) expect(a.roles.length).toBeGreaterThan(0);
          expect(expedienteStateSchema.safeParse(state).success).toBe(true);
        }
      }),
    );
  });

  it('accepts exactly the allowed actions, and only from the allowed roles (and the system following REINFO)', () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, pick) => {
        const { states } = walk(steps);
        const state = states[pick % states.length] ?? initialState();
        const allowed = allowedActions(state);
        const at = Date.parse(state.lastActionAt ?? '2023-01-01T00:00:00.000Z') + 3_600_000;
        for (const c of CANDIDATES) {
          const permitted = allowed.find((a) => a.type === c.type && a.requirement === c.requirement);
          for (const role of ROLES) {
            const action = buildAction(state, c.type, c.requirement, envelope(9999, at, role));
            expect(actionSchema.safeParse(action).success).toBe(true);
            const result = applyAction(state, action);
            // the system also suspends, excludes and reinstates (following REINFO), without being offered them
            const followsRegistry = role === 'system' && ['suspend', 'exclude', 'reinstate'].includes(c.type);
            expect(result.ok).toBe(permitted !== undefined && (permitted.roles.includes(role) || followsRegistry));
          }
        }
      }),
    );
  });

  it('(c) the reducer is deterministic and replaying a prefix gives the prefix state', () => {
    fc.assert(
      fc.property(stepsArb, fc.nat(), (steps, cut) => {
        const { states, actions } = walk(steps);
        expect(reduce(actions)).toEqual(states.at(-1));
        expect(reduce(structuredClone(actions))).toEqual(reduce(actions));
        const k = cut % (actions.length + 1);
        expect(reduce(actions.slice(0, k))).toEqual(states[k]);
      }),
    );
  });

  it('time in steps is never negative and stays within the life of the file', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { states, actions } = walk(steps);
        const state = states.at(-1) ?? initialState();
        const asOf = actions.at(-1)?.at ?? '2023-01-02T14:00:00.000Z';
        const span = (Date.parse(asOf) - Date.parse(actions[0]?.at ?? asOf)) / 86_400_000;
        for (const interval of stepIntervals(state, { asOf })) {
          expect(interval.days ?? 0).toBeGreaterThanOrEqual(0);
          expect(interval.days ?? 0).toBeLessThanOrEqual(span + 1e-9);
          expect(interval.businessDays ?? 0).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
