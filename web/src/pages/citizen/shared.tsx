/** Pieces every citizen screen uses: the page frame, the sign-in gate, state badges, paging, workflow tables. */
import { createContext, useContext, useEffect, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { MEDIA_LIMITS } from '../../../../server/adapters/media/limits.ts';
import { SUBMISSION_LIMITS } from '../../../../server/domain/reports/limits.ts';
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

/** The limits the server checks, from the server's own import-free modules. */
export const LIMITS = { ...SUBMISSION_LIMITS, maxFiles: MEDIA_LIMITS.maxFilesPerReport } as const;

export const kindLabel = (t: T<CitizenKey>, kind: string) => (isKind(kind) ? t(`kind_${kind}`) : kind);
export const isKind = (k: string): k is Kind => (REPORT_KINDS as readonly string[]).includes(k) || k === 'initiative';

export const stageLabel = (t: T<CitizenKey>, stage: string) => {
  const key = `stage_${stage}`;
  return key in citizen.vi ? t(key as CitizenKey) : stage;
};

/** "Hạn xử lý: 17:00 30/11/2026 (giai đoạn tiếp nhận)" — the stage named unless it is the handling itself. */
export const deadlineText = (t: T<CitizenKey>, stage: string, due: string) =>
  stage === 'process' ? t('deadline', { due }) : t('deadlineStage', { due, stage: stageLabel(t, stage) });

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

const Level = createContext(2);

/** A heading one level below the section it is in (h2 on a page, h3 inside an h2 section), so the order stays h1→h2→h3. */
export function H({ children, ...rest }: HTMLAttributes<HTMLHeadingElement> & { ref?: Ref<HTMLHeadingElement> }) {
  const level = Math.min(6, useContext(Level));
  const Tag = `h${level}` as 'h2';
  return <Tag {...rest}>{children}</Tag>;
}

/** Headings inside are one level deeper. */
export function Deeper({ children }: { children: ReactNode }) {
  const level = useContext(Level);
  return <Level.Provider value={level + 1}>{children}</Level.Provider>;
}

export function VerifyCall() {
  const t = useT(citizen);
  return (
    <div className="warning-box" role="note">
      <H className="box-title">{t('verifyTitle')}</H>
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
