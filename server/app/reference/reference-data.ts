/**
 * The reference data every report is validated and routed against — structure versions and units, agencies
 * with their fields and jurisdictions, categories, routing rules and the working calendar — kept in memory per
 * database (ADR 0005). A change to those tables moves `reference_revision` (triggers, migration 0009); a
 * server asks for that number at most once per REFERENCE_REFRESH_MS and reloads everything when it moved.
 * Changes made through this server call `referenceChanged`, so they take effect here at once.
 *
 * Call it before a unit of work, never inside one: a refresh queries the pool, and on PGlite the pool's one
 * connection is held by the transaction.
 */
import type { Kysely } from 'kysely';
import type { Agency } from '../../domain/agencies/index.ts';
import type { Category, RoutingRule } from '../../domain/catalogue/index.ts';
import type { StructureVersion, Unit } from '../../domain/units/index.ts';
import { listAgencies } from '../../db/repos/agencies.repo.ts';
import { findCalendarVersion, latestCalendarVersionId } from '../../db/repos/calendar.repo.ts';
import { listCategories, listRoutingRules } from '../../db/repos/catalogue.repo.ts';
import { listStructureVersions, listUnits } from '../../db/repos/units.repo.ts';
import type { DB } from '../../db/schema.ts';
import { compileCalendar, type CurrentCalendar } from '../calendar/current-calendar.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork, type AuditActor, type Work } from '../unit-of-work.ts';

export interface ReferenceData {
  /** The `reference_revision` this copy was loaded at. */
  readonly revision: number;
  /** Newest first. */
  readonly structureVersions: readonly StructureVersion[];
  readonly calendar: CurrentCalendar;
  /** Every category, active or not, in display order. */
  readonly categories: readonly Category[];
  /** Every routing rule, by position. */
  readonly rules: readonly RoutingRule[];
  /** Every agency, active or not, by code. */
  readonly agencies: readonly Agency[];
  category(code: string): Category | undefined;
  unit(version: string, code: string): Unit | undefined;
  agency(id: string): Agency | undefined;
}

interface CacheState {
  data: ReferenceData | null;
  /** performance.now() of the last revision check that found `data` current. */
  checkedAt: number;
  /** Moved by referenceChanged: a refresh that started before it may not mark the copy as checked. */
  epoch: number;
  pending: { epoch: number; promise: Promise<ReferenceData> } | null;
}

const caches = new WeakMap<Kysely<DB>, CacheState>();

function stateOf(db: Kysely<DB>): CacheState {
  let s = caches.get(db);
  if (!s) caches.set(db, (s = { data: null, checkedAt: -Infinity, epoch: 0, pending: null }));
  return s;
}

async function readRevision(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('reference_revision').select('n').executeTakeFirstOrThrow();
  return Number(row.n);
}

async function load(db: Kysely<DB>, revision: number, previous: ReferenceData | null): Promise<ReferenceData> {
  const [structureVersions, units, agencies, categories, rules, calendarVersion] = [
    await listStructureVersions(db),
    await listUnits(db, {}),
    await listAgencies(db, {}),
    await listCategories(db),
    await listRoutingRules(db),
    await latestCalendarVersionId(db),
  ];
  if (calendarVersion === null) throw new Error('No working calendar is stored: the reference seed has not run');
  let calendar = previous?.calendar;
  if (calendar?.version !== calendarVersion) {
    const row = await findCalendarVersion(db, calendarVersion);
    if (!row) throw new Error(`calendar version ${calendarVersion} vanished`);
    // Compiling through 2050 takes a while: only when the calendar itself changed.
    calendar = compileCalendar(calendarVersion, row.definition);
  }
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const unitByRef = new Map(units.map((u) => [`${u.version}/${u.code}`, u]));
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  return {
    revision,
    structureVersions,
    calendar,
    categories,
    rules,
    agencies,
    category: (code) => categoryByCode.get(code),
    unit: (version, code) => unitByRef.get(`${version}/${code}`),
    agency: (id) => agencyById.get(id),
  };
}

async function refresh(db: Kysely<DB>, s: CacheState, epoch: number): Promise<ReferenceData> {
  // The revision is read before the data: a change committed in between moves it again, and the next
  // check reloads.
  const revision = await readRevision(db);
  const data = s.data?.revision === revision ? s.data : await load(db, revision, s.data);
  s.data = data;
  if (s.epoch === epoch) s.checkedAt = performance.now();
  return data;
}

export function referenceData(ctx: Pick<AppContext, 'db' | 'config'>): Promise<ReferenceData> {
  const s = stateOf(ctx.db);
  if (s.data && performance.now() - s.checkedAt < ctx.config.referenceRefreshMs) return Promise.resolve(s.data);
  if (s.pending?.epoch === s.epoch) return s.pending.promise;
  const epoch = s.epoch;
  const promise = refresh(ctx.db, s, epoch).finally(() => {
    if (s.pending?.promise === promise) s.pending = null;
  });
  s.pending = { epoch, promise };
  return promise;
}

/** After this server changed reference data: the next use checks the revision (and reloads). */
export function referenceChanged(db: Kysely<DB>): void {
  const s = stateOf(db);
  s.epoch++;
  s.checkedAt = -Infinity;
}

/** A unit of work that changes reference data: once it ends, this server's next use sees the change. */
export async function referenceUnitOfWork<T>(ctx: AppContext, actor: AuditActor, fn: (w: Work) => Promise<T>): Promise<T> {
  try {
    return await unitOfWork(ctx, actor, fn);
  } finally {
    referenceChanged(ctx.db);
  }
}

/** The calendar in force (the newest stored version, with provisional years through 2050). */
export async function currentCalendar(ctx: Pick<AppContext, 'db' | 'config'>): Promise<CurrentCalendar> {
  return (await referenceData(ctx)).calendar;
}
