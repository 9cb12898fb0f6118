/**
 * The criteria of the agencies' ranking and the officers' commendation as data: read by
 * whoever reads the rankings ('oversight.read') and by the administrator, who edits them ('evaluation.manage').
 * An edit adds a version (migration 0025) and its audited event `evaluation.criteria.update` (actor, the version
 * replaced, what changed, why) in one unit of work.
 */
import { agencyScope, can, type Actor } from '../../domain/access/index.ts';
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { invalid } from '../../domain/errors.ts';
import { checkCriteria, CRITERIA_KEYS, type EvaluationCriteria } from '../../domain/oversight/ranking.ts';
import { currentCriteria, insertCriteriaVersion, lockCriteria, type CriteriaVersion } from '../../db/repos/ranking.repo.ts';
import { auditActor, requirePermission } from '../accounts/staff.ts';
import type { AppContext } from '../context.ts';
import { unitOfWork } from '../unit-of-work.ts';

export interface CriteriaInForce {
  version: number;
  criteria: EvaluationCriteria;
  /** Why they were set (the decision, the plan) — given with every edit. */
  note: string;
  /** When and by whom (null: the defaults set at installation). */
  changedAt: string;
  changedBy: { id: string; name: string } | null;
}

export interface CriteriaEdit extends EvaluationCriteria {
  note: string;
}

const NOTE_MIN = 3;
export const NOTE_MAX = 500;

export function presentCriteria(v: CriteriaVersion): CriteriaInForce {
  return { version: v.version, criteria: v.criteria, note: v.note, changedAt: formatVietnamTime(v.createdAt), changedBy: v.createdBy };
}

/** Readers of the rankings (any scope) and the administrator who edits the criteria; 401 / 403 otherwise. */
export async function getEvaluationCriteria(ctx: AppContext, actor: Actor): Promise<CriteriaInForce> {
  requirePermission(actor, agencyScope(actor, 'oversight.read').length !== 0 || can(actor, 'evaluation.manage', { any: true }));
  return presentCriteria(await currentCriteria(ctx.db));
}

export async function updateEvaluationCriteria(ctx: AppContext, actor: Actor, edit: CriteriaEdit): Promise<CriteriaInForce> {
  requirePermission(actor, can(actor, 'evaluation.manage', { any: true }));
  const { note: rawNote, ...criteria } = edit;
  const note = rawNote.trim();
  const checked = checkCriteria(criteria);
  const problems = checked.ok ? [] : [...checked.problems];
  if (note.length < NOTE_MIN) problems.push({ field: 'body.note', message: `Cần ghi lý do hoặc văn bản quyết định tiêu chí (ít nhất ${NOTE_MIN} ký tự)` });
  if (problems.length) throw invalid(problems);
  return unitOfWork(ctx, auditActor(actor), async (w) => {
    await lockCriteria(w.tx);
    const before = await currentCriteria(w.tx);
    const version = before.version + 1;
    await insertCriteriaVersion(w.tx, { version, criteria, note, createdAt: w.now, createdBy: actor.kind === 'staff' ? actor.userId : null });
    const changed = Object.fromEntries(
      CRITERIA_KEYS.filter((k) => before.criteria[k] !== criteria[k]).map((k) => [k, { from: before.criteria[k], to: criteria[k] }]),
    );
    await w.audit({
      action: 'evaluation.criteria.update',
      subjectType: 'evaluation_criteria',
      subjectId: 'criteria',
      fromState: String(before.version),
      toState: String(version),
      payload: { note, changed },
    });
    return presentCriteria(await currentCriteria(w.tx));
  });
}
