/**
 * "Có thể đã có người phản ánh việc này" (issue 5 item 3): before submitting, a citizen sees same-category
 * reports still being handled within 250 m in the last 30 days, and may follow one of them instead of sending
 * the same again ("this is my problem too", R-6.2c). Following is public-facing: only public fields, only
 * reports the public may see.
 */
import type { Actor } from '../../domain/access/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import type { WORKFLOWS } from '../../domain/workflow/index.ts';
import { follow, followerCount, unfollow } from '../../db/repos/findings.repo.ts';
import { findReport, type ReportRow } from '../../db/repos/reports.repo.ts';
import type { AppContext } from '../context.ts';
import { referenceData } from '../reference/reference-data.ts';
import { usableCategory } from '../catalogue/route-report.ts';
import { PUBLIC_STATES } from '../reports/read-reports.ts';
import type { Finding, FindingCheck } from '../../domain/integrity/findings.ts';
import { textFindings } from '../../domain/integrity/text/index.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { loadTextLists } from './text-lists.ts';
import { HANDLING_STATES, nearbyReports } from './check-report.ts';

/** Following is the follower's own business: not in the report's (public) timeline. */
const FOLLOW_SUBJECT = 'report_follow';

export interface SuggestionQuery {
  kind: string;
  categoryCode: string;
  lat: number;
  lng: number;
  title?: string | undefined;
  description?: string | undefined;
}

/**
 * What the citizen is told about their draft before sending (R-1.3 turns complaints and denunciations away to
 * their proper channel; R-5.1, R-5.2, R-6.2e): the text checks' findings they can act on. Nothing is refused
 * here — the officer still decides on what is sent.
 */
const CITIZEN_WARNINGS = new Set<FindingCheck>(['out_of_scope', 'advertising', 'abusive', 'not_vietnamese']);

export function draftWarnings(q: Pick<SuggestionQuery, 'title' | 'description'>): Finding[] {
  if (!q.title && !q.description) return [];
  return textFindings({ title: q.title ?? '', description: q.description ?? '' }, loadTextLists()).filter((f) => CITIZEN_WARNINGS.has(f.check));
}

export interface Suggestion {
  report: ReportRow;
  meters: number;
  followers: number;
}

export async function suggestExisting(ctx: AppContext, actor: Actor, q: SuggestionQuery): Promise<Suggestion[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  usableCategory(await referenceData(ctx), q.kind, q.categoryCode, { kind: 'body.kind', categoryCode: 'body.categoryCode', place: 'body.place' });
  const near = await nearbyReports(ctx.db, { categoryCode: q.categoryCode, lat: q.lat, lng: q.lng, now: ctx.clock.now() }, 5);
  return Promise.all(near.map(async (n) => ({ ...n, followers: await followerCount(ctx.db, n.report.id) })));
}

async function followable(ctx: AppContext, actor: Actor, code: string): Promise<{ report: ReportRow; userId: string }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN', { detail: { vi: 'Chỉ công dân, tổ chức theo dõi phản ánh', en: 'Only citizens and organisations follow reports' } });
  const report = await findReport(ctx.db, { code });
  if (!report || !PUBLIC_STATES(report.kind as keyof typeof WORKFLOWS).includes(report.state)) throw new AppError('NOT_FOUND');
  return { report, userId: actor.userId };
}

/** Follows a report someone else sent ("Tôi cũng gặp vấn đề này"); following twice is not an error. */
export async function followReport(ctx: AppContext, actor: Actor, code: string): Promise<{ followers: number }> {
  const { report, userId } = await followable(ctx, actor, code);
  if (report.reporter_id === userId) throw invalid([{ field: 'params.code', message: 'Đây là phản ánh của bạn: bạn đã nhận được mọi thông báo về nó' }]);
  if (!HANDLING_STATES.includes(report.state))
    throw new AppError('CONFLICT', { detail: { vi: 'Phản ánh này đã có kết quả hoặc đã kết thúc; hãy gửi phản ánh mới nếu sự việc vẫn còn', en: 'This report is no longer being handled' } });
  await unitOfWork(ctx, { id: userId, role: 'citizen', agencyId: null }, async (w) => {
    if (await follow(w.tx, report.id, userId, w.now)) await w.audit({ action: 'report.followed', subjectType: FOLLOW_SUBJECT, subjectId: report.id });
  });
  return { followers: await followerCount(ctx.db, report.id) };
}

export async function unfollowReport(ctx: AppContext, actor: Actor, code: string): Promise<{ followers: number }> {
  const { report, userId } = await followable(ctx, actor, code);
  await unitOfWork(ctx, { id: userId, role: 'citizen', agencyId: null }, async (w) => {
    if (await unfollow(w.tx, report.id, userId)) await w.audit({ action: 'report.unfollowed', subjectType: FOLLOW_SUBJECT, subjectId: report.id });
  });
  return { followers: await followerCount(ctx.db, report.id) };
}
