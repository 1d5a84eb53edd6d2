import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permanenceInputSchema, type PermanenceInput } from './permanence.schema.ts';
import { checkPermanence, declarationDueOn, owedSemesters, semesterOf, suspensionCandidates } from './permanence.domain.ts';

function buildInscription(overrides: Partial<PermanenceInput> = {}): PermanenceInput {
  return {
    inscriptionId: 'insc-1',
    inscribedOn: '2024-03-10',
    igafomFiled: true,
    rucActive: true,
    rucThirdCategory: true,
    chemicalsRegistered: true,
    productionDeclarations: [
      { semester: '2024-S1', declaredOn: '2024-07-15' },
      { semester: '2024-S2', declaredOn: '2025-01-20' },
    ],
    ...overrides,
  };
}

const codes = (input: PermanenceInput, on: string): string[] => checkPermanence(input, on).map((f) => f.code);

describe('permanence conditions', () => {
  it('passes an inscription that meets every condition', () => {
    expect(permanenceInputSchema.parse(buildInscription())).toEqual(buildInscription());
    expect(checkPermanence(buildInscription(), '2025-03-01')).toEqual([]);
  });

  it('lists each failed condition with a code and a Spanish message', () => {
    const failures = checkPermanence(
      buildInscription({ igafomFiled: false, rucActive: false, rucThirdCategory: false, chemicalsRegistered: false }),
      '2025-03-01',
    );
    expect(failures.map((f) => f.code)).toEqual(['igafom_not_filed', 'ruc_inactive', 'ruc_not_third_category', 'chemicals_not_registered']);
    expect(failures[0]?.message).toMatch(/^No ha presentado el IGAFOM/);
    expect(failures[3]?.message).toContain('Bienes Fiscalizados');
  });

  it('does not require the chemicals registry from miners who use no controlled chemicals', () => {
    expect(codes(buildInscription({ chemicalsRegistered: false, usesControlledChemicals: false }), '2025-03-01')).toEqual([]);
  });

  it('owes the six-monthly declaration once its grace period ends', () => {
    const onlyFirst = buildInscription({ productionDeclarations: [{ semester: '2024-S1', declaredOn: '2024-07-15' }] });
    expect(declarationDueOn('2024-S2')).toBe('2025-01-30');
    expect(codes(onlyFirst, '2025-01-29')).toEqual([]);
    const failures = checkPermanence(onlyFirst, '2025-01-30');
    expect(failures).toEqual([
      {
        code: 'production_not_declared',
        message: 'No ha declarado la producción del segundo semestre de 2024.',
        semesters: ['2024-S2'],
      },
    ]);
  });

  it('ignores declarations made after the reference date', () => {
    const late = buildInscription({ productionDeclarations: [{ semester: '2024-S1', declaredOn: '2024-09-01' }] });
    expect(checkPermanence(late, '2024-08-15')[0]?.semesters).toEqual(['2024-S1']);
  });

  it('does not count a missing IGAFOM before its filing deadline', () => {
    const input = buildInscription({ igafomFiled: false });
    expect(checkPermanence(input, '2025-03-01', { igafomFilingDueOn: '2025-06-30' })).toEqual([]);
    expect(codes(input, '2025-03-01')).toEqual(['igafom_not_filed']);
  });

  it('lists only failing inscriptions as suspension candidates, in input order', () => {
    const inputs = [
      buildInscription({ inscriptionId: 'a', rucActive: false }),
      buildInscription({ inscriptionId: 'b' }),
      buildInscription({ inscriptionId: 'c', productionDeclarations: [] }),
    ];
    const candidates = suspensionCandidates(inputs, '2025-03-01');
    expect(candidates.map((c) => [c.inscriptionId, c.failures.map((f) => f.code)])).toEqual([
      ['a', ['ruc_inactive']],
      ['c', ['production_not_declared']],
    ]);
    expect(candidates[1]?.failures[0]?.semesters).toEqual(['2024-S1', '2024-S2']);
  });

  it('computes semesters owed since the inscription', () => {
    expect(semesterOf('2024-06-30')).toBe('2024-S1');
    expect(semesterOf('2024-07-01')).toBe('2024-S2');
    expect(owedSemesters('2024-03-10', '2024-07-29')).toEqual([]);
    expect(owedSemesters('2024-03-10', '2025-08-01')).toEqual(['2024-S1', '2024-S2', '2025-S1']);
    expect(owedSemesters('2024-12-31', '2025-02-01')).toEqual(['2024-S2']);
  });

  it('declaring every owed semester clears the production condition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (a, b) => {
        const inscribedOn = new Date(Date.UTC(2020, 0, 1) + a * 86_400_000).toISOString().slice(0, 10);
        const reference = new Date(Date.parse(inscribedOn) + b * 86_400_000).toISOString().slice(0, 10);
        const owed = owedSemesters(inscribedOn, reference);
        const declared = owed.map((semester) => ({ semester, declaredOn: inscribedOn }));
        const input = buildInscription({ inscribedOn, productionDeclarations: declared });
        expect(codes(input, reference)).toEqual([]);
        const missing = buildInscription({ inscribedOn, productionDeclarations: [] });
        expect(checkPermanence(missing, reference).flatMap((f) => f.semesters ?? [])).toEqual(owed);
      }),
    );
  });
});

describe('permanence conditions: each message, each option, each boundary day', () => {
  const none = buildInscription({ igafomFiled: false, rucActive: false, rucThirdCategory: false, chemicalsRegistered: false, productionDeclarations: [] });
  it('states each failed condition in full, in Spanish, several semesters in one sentence', () => {
    expect(checkPermanence(none, '2025-03-01')).toEqual([
      {
        code: 'igafom_not_filed',
        message: 'No ha presentado el IGAFOM (Instrumento de Gestión Ambiental para la Formalización de Actividades de Pequeña Minería y Minería Artesanal).',
      },
      { code: 'ruc_inactive', message: 'El RUC no se encuentra activo.' },
      { code: 'ruc_not_third_category', message: 'El RUC no está afecto al impuesto a la renta de tercera categoría.' },
      { code: 'chemicals_not_registered', message: 'No está inscrito en el Registro para el Control de Bienes Fiscalizados de la SUNAT.' },
      {
        code: 'production_not_declared',
        message: 'No ha declarado la producción del primer semestre de 2024, segundo semestre de 2024.',
        semesters: ['2024-S1', '2024-S2'],
      },
    ]);
  });
  it('each condition fails on its own', () => {
    expect(codes(buildInscription({ rucActive: false }), '2025-03-01')).toEqual(['ruc_inactive']);
    expect(codes(buildInscription({ rucThirdCategory: false }), '2025-03-01')).toEqual(['ruc_not_third_category']);
    expect(codes(buildInscription({ chemicalsRegistered: false }), '2025-03-01')).toEqual(['chemicals_not_registered']);
    expect(codes(buildInscription({ chemicalsRegistered: false, usesControlledChemicals: true }), '2025-03-01')).toEqual(['chemicals_not_registered']);
    expect(codes(buildInscription({ chemicalsRegistered: true, usesControlledChemicals: true }), '2025-03-01')).toEqual([]);
  });
  it('the IGAFOM filing deadline counts on its own day', () => {
    const input = buildInscription({ igafomFiled: false });
    expect(codes(input, '2025-06-29')).toEqual(['igafom_not_filed']); // no deadline set: owed at once
    expect(checkPermanence(input, '2025-06-29', { igafomFilingDueOn: '2025-06-30' })).toEqual([]);
    expect(checkPermanence(input, '2025-06-30', { igafomFilingDueOn: '2025-06-30' }).map((f) => f.code)).toEqual(['igafom_not_filed']);
    expect(checkPermanence(buildInscription(), '2025-07-01', { igafomFilingDueOn: '2025-06-30' })).toEqual([]);
  });
  it('a declaration made on the reference day counts; the grace period can be set', () => {
    const late = buildInscription({ productionDeclarations: [{ semester: '2024-S1', declaredOn: '2024-08-15' }] });
    expect(codes(late, '2024-08-15')).toEqual([]);
    expect(codes(late, '2024-08-14')).toEqual(['production_not_declared']);
    expect(declarationDueOn('2024-S1')).toBe('2024-07-30');
    expect(declarationDueOn('2024-S1', 0)).toBe('2024-06-30');
    expect(declarationDueOn('2024-S2', 10)).toBe('2025-01-10');
    const first = buildInscription({ productionDeclarations: [] });
    expect(checkPermanence(first, '2024-07-10', { declarationGraceDays: 10 })[0]?.semesters).toEqual(['2024-S1']);
    expect(checkPermanence(first, '2024-07-09', { declarationGraceDays: 10 })).toEqual([]);
    expect(owedSemesters('2024-03-10', '2024-07-10', 10)).toEqual(['2024-S1']);
  });
  it('semesters run January–June and July–December, and the year turns after S2', () => {
    expect(semesterOf('2024-01-01')).toBe('2024-S1');
    expect(semesterOf('2024-12-31')).toBe('2024-S2');
    expect(() => semesterOf('2024-13-01')).toThrow(RangeError);
    expect(owedSemesters('2024-08-01', '2026-01-30')).toEqual(['2024-S2', '2025-S1', '2025-S2']);
    expect(owedSemesters('2024-08-01', '2026-01-29')).toEqual(['2024-S2', '2025-S1']);
    expect(suspensionCandidates([], '2025-03-01')).toEqual([]);
    expect(suspensionCandidates([buildInscription({ igafomFiled: false })], '2025-03-01', { igafomFilingDueOn: '2026-01-01' })).toEqual([]);
  });
});
