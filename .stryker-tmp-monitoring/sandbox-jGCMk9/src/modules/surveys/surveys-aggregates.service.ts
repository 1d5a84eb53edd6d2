/** The baseline's figures: for officials over what they may see, for the public over everything (suppressed either way). */
// @ts-nocheck

import { PUBLIC_ACTOR, withActor, type Actor } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { aggregate, MIN_CELL, type Dimension } from './aggregates.domain.ts';
import { BASELINE_DIMENSIONS, BASELINE_FIELDS, BASELINE_FORM_ID, BASELINE_INDICATORS } from './baseline.indicators.ts';
import * as q from './surveys.queries.ts';

function indicatorsFor(formId: string) {
  // the figures are defined on the shipped baseline form; other forms have none yet
  if (formId !== BASELINE_FORM_ID) throw NotFoundError.of(`Figures of form ${formId}`, 'survey.no_figures', { formId });
  return BASELINE_INDICATORS;
}

export async function aggregates(db: Database, actor: Actor, formId: string, by: Dimension) {
  const indicators = indicatorsFor(formId);
  const facts = await withActor(db, actor, (tx) => q.submissionFacts(tx, formId, BASELINE_FIELDS));
  return { formId, by, minCell: MIN_CELL, indicators: aggregate(facts, by, indicators, BASELINE_DIMENSIONS) };
}

export async function publicAggregates(db: Database, formId: string, by: Dimension) {
  const indicators = indicatorsFor(formId);
  const facts = await withActor(db, PUBLIC_ACTOR, (tx) => q.publicSubmissionFacts(tx, formId, BASELINE_FIELDS));
  return { formId, by, minCell: MIN_CELL, indicators: aggregate(facts, by, indicators, BASELINE_DIMENSIONS) };
}
