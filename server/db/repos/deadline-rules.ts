/**
 * The platform's two rules on stored deadlines, as SQL over a `deadlines` row aliased `d` — one definition for
 * every figure that judges lateness (oversight rollup, lateness per stage, reprimand flags; ).
 */
import { sql } from 'kysely';

/** `d` is in force: no later row restarted the same clock from the same start (an extension supersedes it). */
export const deadlineInForce = sql<boolean>`NOT EXISTS (
  SELECT 1 FROM deadlines s
  WHERE s.subject_type = d.subject_type AND s.subject_id = d.subject_id AND s.clock = d.clock
    AND s.started_at = d.started_at AND s.id > d.id
)`;

/** `d` is late at `now`: stopped after its due instant, or still open past it. */
export const deadlineLateAt = (now: Date) => sql<boolean>`(d.stopped_at > d.due_at OR (d.stopped_at IS NULL AND d.due_at < ${now}))`;
