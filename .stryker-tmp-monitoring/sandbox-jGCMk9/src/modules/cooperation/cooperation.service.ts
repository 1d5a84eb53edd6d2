/**
 * Projects: registered and edited by the cooperation unit through the API, or stored from
 * IATI files. Each write runs in the actor's transaction (row-level security applies),
 * appends a version to the project's history and an entry to the audit chain in the same
 * transaction. A project whose content did not change is left alone (`unchanged`).
 */
// @ts-nocheck

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { knownPolicyCodes } from '../monitoring/policy-codes.queries.ts';
import { departmentOf } from './cooperation.domain.ts';
import * as q from './cooperation.queries.ts';
import * as w from './project-write.queries.ts';
import type { Project, ProjectInput, ProjectSummary } from './cooperation.schema.ts';
import { budgetTotals, withUsd } from './cooperation.view.ts';

export interface StoreItem {
  input: ProjectInput;
  source: 'veta' | 'iati';
  reportingOrgRef: string | null;
  reportingOrgName: string | null;
  sectorLevel: 'activity' | 'transaction' | null;
}

export type StoreOutcome = 'inserted' | 'updated' | 'unchanged';

const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** Sets are kept sorted and without repeats, so that the same content hashes the same. */
export function normalize(input: ProjectInput): ProjectInput {
  return {
    ...input,
    countries: sorted(input.countries),
    sectors: sorted(input.sectors),
    regions: sorted(input.regions),
    strata: sorted(input.strata) as ProjectInput['strata'],
    aspects: sorted(input.aspects) as ProjectInput['aspects'],
    policyCodes: sorted(input.policyCodes),
  };
}

/** What a stored version records of an item: its content, nothing of where it came from in a file (an activity's line). */
export function storedContent(item: StoreItem): StoreItem {
  const { source, reportingOrgRef, reportingOrgName, sectorLevel } = item;
  return { input: normalize(item.input), source, reportingOrgRef, reportingOrgName, sectorLevel };
}

export function contentHash(item: StoreItem): string {
  const c = canonicalize(storedContent(item));
  return createHash('sha256')
    .update(c ?? '')
    .digest('hex');
}

/**
 * What the database's references say about the items: the agency, the regions' departments
 * and the policy codes must exist. Errors name the item's index and the field.
 */
export async function referenceErrors(tx: Queryable, items: readonly StoreItem[]): Promise<{ index: number; error: FieldError }[]> {
  const agencyCodes = new Set((await q.agencies(tx)).map((a) => a.code));
  const departments = await q.departmentNames(tx);
  const policy = await knownPolicyCodes(
    tx,
    items.flatMap((i) => i.input.policyCodes),
  );
  const out: { index: number; error: FieldError }[] = [];
  items.forEach((item, index) => {
    const { agencyCode, regions, policyCodes } = item.input;
    if (agencyCode && !agencyCodes.has(agencyCode)) out.push({ index, error: { path: 'agencyCode', message: `unknown agency ${agencyCode}` } });
    for (const r of regions)
      if (!departments.has(departmentOf(r))) out.push({ index, error: { path: 'regions', message: `unknown UBIGEO department ${departmentOf(r)} (${r})` } });
    for (const c of policyCodes)
      if (!policy.has(c)) out.push({ index, error: { path: 'policyCodes', message: `${c} is not an objective, guideline or service of the stored policy` } });
  });
  return out;
}

/**
 * Inserts, updates or leaves alone each item by identifier, set-based (a few statements for
 * the whole list), with a new version in each changed project's history. Identifiers must
 * be unique within `items`.
 */
export async function storeItems(
  tx: Queryable,
  actor: Actor,
  items: readonly StoreItem[],
  versionSource: 'api' | 'iati_import' | 'demo',
): Promise<{ id: number; outcome: StoreOutcome; version: number }[]> {
  const heads = await q.projectHeads(
    tx,
    items.map((i) => i.input.identifier),
  );
  const plans = items.map((item) => {
    const write: w.ProjectWrite = { ...storedContent(item), contentHash: contentHash(item), user: actor.username };
    const head = heads.get(item.input.identifier);
    const outcome: StoreOutcome = !head ? 'inserted' : head.contentHash === write.contentHash ? 'unchanged' : 'updated';
    return { item, write, head, outcome };
  });
  const ids = await w.insertProjects(
    tx,
    plans.filter((p) => p.outcome === 'inserted').map((p) => p.write),
  );
  const updates = plans.filter((p) => p.outcome === 'updated').map((p) => ({ id: p.head!.id, version: p.head!.version + 1, write: p.write }));
  await w.updateProjects(tx, updates);
  const results = plans.map((p) => ({
    id: p.head?.id ?? ids.get(p.item.input.identifier)!,
    outcome: p.outcome,
    version: p.outcome === 'inserted' ? 1 : p.outcome === 'updated' ? p.head!.version + 1 : p.head!.version,
  }));
  const changed = plans.map((p, i) => ({ ...p, ...results[i]! })).filter((p) => p.outcome !== 'unchanged');
  await w.insertChildren(
    tx,
    changed.map((p) => ({ id: p.id, input: p.write.input })),
  );
  await w.insertVersions(
    tx,
    changed.map((p) => ({ id: p.id, version: p.version, snapshot: storedContent(p.item) })),
    versionSource,
    actor.username,
  );
  return results;
}

async function refuseBadReferences(tx: Queryable, item: StoreItem): Promise<void> {
  const errors = await referenceErrors(tx, [item]);
  if (errors.length > 0) {
    throw new ValidationError(
      'coop.invalid_reference',
      errors.map((e) => `${e.error.path}: ${e.error.message}`).join('; '),
      {},
      errors.map((e) => e.error),
    );
  }
}

async function loadProject(tx: Queryable, id: number): Promise<Project> {
  const row = await q.projectById(tx, id);
  if (!row) throw NotFoundError.of(`Project ${id}`, 'coop.project_not_found', { id });
  return withUsd(row, await q.usdRates(tx));
}

/** Registers a project (identifier unique: 409 when it exists). */
export function createProject(db: Database, actor: Actor, input: ProjectInput): Promise<Project> {
  return withActor(db, actor, async (tx) => {
    const item: StoreItem = { input, source: 'veta', reportingOrgRef: null, reportingOrgName: null, sectorLevel: input.sectors.length > 0 ? 'activity' : null };
    await refuseBadReferences(tx, item);
    const heads = await q.projectHeads(tx, [input.identifier]);
    if (heads.has(input.identifier))
      throw new ConflictError('coop.identifier_taken', `A project with identifier ${input.identifier} exists`, { identifier: input.identifier });
    const [r] = await storeItems(tx, actor, [item], 'api');
    await appendAudit(tx, actor, { action: 'coop.project.create', entity: 'coop_project', entityId: r!.id, after: normalize(input) });
    return loadProject(tx, r!.id);
  });
}

/** Replaces a project's content; `version` must be the current one (optimistic lock). */
export function updateProject(db: Database, actor: Actor, id: number, input: ProjectInput, expectedVersion?: number): Promise<Project> {
  return withActor(db, actor, async (tx) => {
    const head = await q.projectHeadById(tx, id);
    if (!head) throw NotFoundError.of(`Project ${id}`, 'coop.project_not_found', { id });
    if (expectedVersion !== undefined && expectedVersion !== head.version) {
      throw new ConflictError('coop.version_conflict', `Project ${id} is at version ${head.version}, not ${expectedVersion}`, { id, version: head.version });
    }
    if (input.identifier !== head.identifier) {
      const taken = await q.projectHeads(tx, [input.identifier]);
      if (taken.has(input.identifier))
        throw new ConflictError('coop.identifier_taken', `A project with identifier ${input.identifier} exists`, { identifier: input.identifier });
    }
    const before = await q.projectById(tx, id);
    const item: StoreItem = {
      input,
      source: head.source,
      reportingOrgRef: before?.reportingOrgRef ?? null,
      reportingOrgName: before?.reportingOrgName ?? null,
      sectorLevel: input.sectors.length > 0 ? (before?.sectorLevel ?? 'activity') : null,
    };
    await refuseBadReferences(tx, item);
    // by id, not identifier: an edit may change the identifier
    const write: w.ProjectWrite = { ...storedContent(item), contentHash: contentHash(item), user: actor.username };
    if (write.contentHash !== head.contentHash) {
      const version = head.version + 1;
      await w.updateProjects(tx, [{ id, version, write }]);
      await w.insertChildren(tx, [{ id, input: write.input }]);
      await w.insertVersions(tx, [{ id, version, snapshot: storedContent(item) }], 'api', actor.username);
      await appendAudit(tx, actor, { action: 'coop.project.update', entity: 'coop_project', entityId: id, before, after: write.input });
    }
    return loadProject(tx, id);
  });
}

export function getProject(db: Database, actor: Actor, id: number): Promise<Project> {
  return withActor(db, actor, (tx) => loadProject(tx, id));
}

export function listProjects(db: Database, actor: Actor, filter: q.ProjectFilter): Promise<ProjectSummary[]> {
  return withActor(db, actor, async (tx) => {
    const rates = await q.usdRates(tx);
    return (await q.projectRows(tx, filter)).map((r) => {
      const { flows, partners: _p, descriptionEs: _d, descriptionEn: _e, ...rest } = withUsd(r, rates);
      return { ...rest, ...budgetTotals(flows) };
    });
  });
}

export function projectHistory(db: Database, actor: Actor, id: number) {
  return withActor(db, actor, async (tx) => {
    const versions = await q.projectVersions(tx, id);
    if (versions.length === 0) throw NotFoundError.of(`Project ${id}`, 'coop.project_not_found', { id });
    return versions;
  });
}

export function listAgencies(db: Database, actor: Actor) {
  return withActor(db, actor, (tx) => q.agencies(tx));
}
