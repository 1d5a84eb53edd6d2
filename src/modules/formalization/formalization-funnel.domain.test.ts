import { describe, expect, test } from 'vitest';
import { crossTab } from './formalization-funnel.domain.ts';

describe('crossTab', () => {
  test('with a weight, each item counts as that many: the cross-tab of the items repeated', () => {
    const counted = [
      { stage: 'in_progress', stratum: 'PPM', n: 3 },
      { stage: 'formalized', stratum: 'PMA', n: 1 },
      { stage: 'in_progress', stratum: 'PPM', n: 2 },
      { stage: 'excluded', stratum: 'PPM', n: 4 },
      { stage: 'formalized', stratum: 'MAPE', n: 5 },
    ];
    const repeated = counted.flatMap((c) => Array.from({ length: c.n }, () => c));
    const weighted = crossTab(
      counted,
      (c) => c.stage,
      (c) => c.stratum,
      (c) => c.n,
    );
    expect(weighted).toEqual(
      crossTab(
        repeated,
        (c) => c.stage,
        (c) => c.stratum,
      ),
    );
    expect(weighted.cells.find((c) => c.row === 'in_progress' && c.column === 'PPM')?.count).toBe(5);
  });
});
