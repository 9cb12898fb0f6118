/**
 * Every use case runs in one unit of work: one transaction holding the domain decision, the saved state and
 * the audit event(s) with their actor — never half of it (DESIGN, R-4.3).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAuditEvent, type AuditEventInput } from '../db/repos/audit.repo.ts';
import type { Clock } from './ports.ts';

export type Tx = Transaction<DB>;

/** Who acts: a signed-in user in a role (and agency), or the platform itself (`system`). */
export interface AuditActor {
  id: string | null;
  role: string;
  agencyId: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, role: 'system', agencyId: null };

export interface UnitOfWorkContext {
  db: Kysely<DB>;
  clock: Clock;
}

export interface Work {
  tx: Tx;
  now: Date;
  /** Records an audited event of this unit of work with its actor, in the same transaction. */
  audit(event: Omit<AuditEventInput, 'actor' | 'occurredAt'>): Promise<void>;
}

export function unitOfWork<T>(
  ctx: UnitOfWorkContext,
  actor: AuditActor,
  fn: (work: Work) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute((tx) =>
    fn({
      tx,
      now,
      audit: async (event) => {
        await appendAuditEvent(tx, { ...event, actor, occurredAt: now });
      },
    }),
  );
}
