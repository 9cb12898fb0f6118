/** Pieces every citizen screen uses: the page frame, the sign-in gate, state badges, paging, workflow tables. */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { Loading } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { Layout } from '../../components/layout.tsx';
import { useT, type T } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { OutboxNotice } from './outbox-view.tsx';
import { citizen, type CitizenKey } from './strings.ts';

/** The report kinds of the regulation (R-1.2); initiatives have their own page. */
export const REPORT_KINDS = ['field_report', 'waste_report', 'investor_feedback', 'regulation_feedback'] as const;
export type Kind = (typeof REPORT_KINDS)[number] | 'initiative';

/** The server's limits for a submission (server/domain/reports/submission.ts SUBMISSION_LIMITS). */
export const LIMITS = { titleMin: 5, titleMax: 200, descriptionMin: 20, descriptionMax: 5000, addressMax: 300, maxFiles: 10, occurredMaxAgeDays: 365 } as const;

export const kindLabel = (t: T<CitizenKey>, kind: string) => (isKind(kind) ? t(`kind_${kind}`) : kind);
export const isKind = (k: string): k is Kind => (REPORT_KINDS as readonly string[]).includes(k) || k === 'initiative';

export const stageLabel = (t: T<CitizenKey>, stage: string) => {
  const key = `stage_${stage}`;
  return key in citizen.vi ? t(key as CitizenKey) : stage;
};

/** Badge colour of a report state: done, waiting on me, refused, or in progress. */
export function stateTone(state: string): 'ok' | 'warn' | 'late' | 'info' {
  if (state === 'rejected') return 'late';
  if (['published', 'rated', 'closed', 'decided'].includes(state)) return 'ok';
  if (['verifying', 'clarificationRequested', 'consulting'].includes(state)) return 'warn';
  return 'info';
}

export function StateBadge({ state, label }: { state: string; label: string }) {
  return <span className={`badge ${stateTone(state)}`}>{label}</span>;
}

/** Every citizen page: the shared frame, plus what the outbox has to say (reports waiting to be sent, just sent). */
export function Page({ children }: { children: ReactNode }) {
  return (
    <Layout>
      <div className="citizen">
        <OutboxNotice />
        {children}
      </div>
    </Layout>
  );
}

/** The app path of this screen (the area is nested under /app), for `?next=` of the sign-in page. */
export function useAppPath(): string {
  const [location] = useLocation();
  const search = useSearch();
  return `/app${location === '/' ? '' : location}${search ? `?${search}` : ''}`;
}

export function SignInPrompt() {
  const t = useT(citizen);
  const next = useAppPath();
  return (
    <>
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInBody')}</p>
      <p className="row">
        <Link className="button" href={`~/sign-in?next=${encodeURIComponent(next)}`}>
          {t('signIn')}
        </Link>
        <Link className="button secondary" href="/register">
          {t('register')}
        </Link>
      </p>
    </>
  );
}

/**
 * Shows its content to a signed-in citizen; otherwise the way to sign in (or, for an officer, the way to the
 * staff console). `offline` renders instead when the device is offline and the session could not be read.
 */
export function Gate({ children, offline }: { children: (me: Me) => ReactNode; offline?: () => ReactNode }) {
  const t = useT(citizen);
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (me && me.kind === 'staff')
    return (
      <>
        <h1>{t('staffTitle')}</h1>
        <p>{t('staffBody')}</p>
        <Link href="~/staff">{t('staffLink')}</Link>
      </>
    );
  if (me) return <>{children(me)}</>;
  if (offline && !navigator.onLine) return <>{offline()}</>;
  return <SignInPrompt />;
}

export function VerifyCall() {
  const t = useT(citizen);
  return (
    <div className="warning-box" role="note">
      <h2 className="box-title">{t('verifyTitle')}</h2>
      <p>{t('verifyBody')}</p>
      <Link className="button" href="/verify">
        {t('verifyLink')}
      </Link>
    </div>
  );
}

export function Pager({ total, limit, offset, onChange }: { total: number; limit: number; offset: number; onChange: (offset: number) => void }) {
  const t = useT(common);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  if (pages <= 1) return null;
  return (
    <nav className="pager row" aria-label={t('pageOf', { page, pages })}>
      <button type="button" className="button secondary small" disabled={page <= 1} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('previous')}
      </button>
      <span aria-current="page">{t('pageOf', { page, pages })}</span>
      <button type="button" className="button secondary small" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
        {t('next')}
      </button>
    </nav>
  );
}

export interface Workflows {
  kinds: Record<string, { stateLabels: Record<string, string>; transitions: { from: string; action: string; to: string; label: string; by: string[]; needs: string[]; rule: string }[] }>;
  rejectReasons: Record<string, string>;
  ratings: Record<string, string>;
  initiativeDecisions: Record<string, string>;
}

let workflows: Promise<Workflows> | null = null;
/** The workflow tables (GET /api/v1/workflows), loaded once per visit. */
export function loadWorkflows(): Promise<Workflows> {
  return (workflows ??= api.get<Workflows>('/api/v1/workflows').catch((e: unknown) => {
    workflows = null;
    return Promise.reject(e);
  }));
}

export function useWorkflows(): Workflows | null {
  const [wf, setWf] = useState<Workflows | null>(null);
  useEffect(() => {
    let alive = true;
    loadWorkflows().then(
      (w) => alive && setWf(w),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return wf;
}

/** Shows only the end of an identity number: enough for its owner to recognise, not for someone looking over a shoulder. */
export function maskTail(value: string | null | undefined, keep = 3): string {
  if (!value) return '';
  const chars = [...value];
  return chars.map((c, i) => (i < chars.length - keep && /[0-9A-Za-z]/.test(c) ? '•' : c)).join('');
}

export function maskEmail(value: string | null | undefined): string {
  if (!value) return '';
  const at = value.indexOf('@');
  if (at < 1) return maskTail(value);
  return `${value.slice(0, 1)}${'•'.repeat(Math.max(1, at - 1))}${value.slice(at)}`;
}

/** Waits until typing pauses before using a value (searches, suggestions). */
export function useDebounced<V>(value: V, ms: number): V {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
