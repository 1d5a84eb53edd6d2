/**
 * Projects: registered and edited by the cooperation unit through the API, or stored from
 * IATI files. Each write runs in the actor's transaction (row-level security applies),
 * appends a version to the project's history and an entry to the audit chain in the same
 * transaction. A project whose content did not change is left alone (`unchanged`).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { appendAudit } from '../../platform/audit/audit.ts';
import { withActor, type Actor } from '../../platform/context.ts';
import type { Database, Queryable } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { knownPolicyCodes } from '../monitoring/policy-codes.queries.ts';
import { departmentOf } from './cooperation.domain.ts';
import * as q from './cooperation.queries.ts';
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

export function contentHash(item: StoreItem): string {
  const c = canonicalize({ ...item, input: normalize(item.input) });
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
    for (const r of regions) if (!departments.has(departmentOf(r))) out.push({ index, error: { path: 'regions', message: `unknown UBIGEO department ${departmentOf(r)} (${r})` } });
    for (const c of policyCodes) if (!policy.has(c)) out.push({ index, error: { path: 'policyCodes', message: `${c} is not an objective, guideline or service of the stored policy` } });
  });
  return out;
}

/** Inserts, updates or leaves alone each item by identifier (set of reads, one write per changed item), with a version each. */
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
  const results: { id: number; outcome: StoreOutcome; version: number }[] = [];
  for (const item of items) {
    const input = normalize(item.input);
    const hash = contentHash(item);
    const write: q.ProjectWrite = { ...item, input, contentHash: hash, user: actor.username };
    const head = heads.get(input.identifier);
    const snapshot = { ...item, input };
    if (!head) {
      const id = await q.insertProject(tx, write);
      await q.insertChildren(tx, id, input);
      await q.insertVersion(tx, id, 1, versionSource, snapshot, actor.username);
      heads.set(input.identifier, { id, version: 1, contentHash: hash });
      results.push({ id, outcome: 'inserted', version: 1 });
    } else if (head.contentHash === hash) {
      results.push({ id: head.id, outcome: 'unchanged', version: head.version });
    } else {
      const version = head.version + 1;
      await q.updateProject(tx, head.id, version, write);
      await q.insertChildren(tx, head.id, input);
      await q.insertVersion(tx, head.id, version, versionSource, snapshot, actor.username);
      heads.set(input.identifier, { id: head.id, version, contentHash: hash });
      results.push({ id: head.id, outcome: 'updated', version });
    }
  }
  return results;
}

async function refuseBadReferences(tx: Queryable, item: StoreItem): Promise<void> {
  const errors = await referenceErrors(tx, [item]);
  if (errors.length > 0) {
    throw new ValidationError('coop.invalid_reference', errors.map((e) => `${e.error.path}: ${e.error.message}`).join('; '), {}, errors.map((e) => e.error));
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
    if (heads.has(input.identifier)) throw new ConflictError('coop.identifier_taken', `A project with identifier ${input.identifier} exists`, { identifier: input.identifier });
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
      if (taken.has(input.identifier)) throw new ConflictError('coop.identifier_taken', `A project with identifier ${input.identifier} exists`, { identifier: input.identifier });
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
    // storeItems finds the project by identifier: an identifier change goes through the head we hold
    const write: q.ProjectWrite = { ...item, input: normalize(input), contentHash: contentHash(item), user: actor.username };
    if (write.contentHash !== head.contentHash) {
      await q.updateProject(tx, id, head.version + 1, write);
      await q.insertChildren(tx, id, write.input);
      await q.insertVersion(tx, id, head.version + 1, 'api', { ...item, input: write.input }, actor.username);
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
