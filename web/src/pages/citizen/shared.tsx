/** Pieces every citizen screen uses: the page frame, the sign-in gate, state badges, paging. */
import { createContext, useContext, useEffect, useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { Link } from 'wouter';
import { MEDIA_LIMITS } from '../../../../server/adapters/media/limits.ts';
import { SUBMISSION_LIMITS } from '../../../../server/domain/reports/limits.ts';
import type { Me } from '../../api/types.ts';
import { Loading } from '../../components/async.tsx';
import { common } from '../../components/common.strings.ts';
import { Layout, SignInLink } from '../../components/layout.tsx';
import { Pager as PageNav, pageCount } from '../../components/pager.tsx';
import { useWorkflows } from '../../api/workflows.ts';
import { formatDateTime } from '../../format.ts';
import { KINDS, decisionNames, nameOf, ratingNames, serverName, stagePhrases, useNames, type KindCode } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { OutboxNotice } from './outbox-view.tsx';
import { citizen } from './strings.ts';

/** The report kinds of the regulation but initiatives, which have their own page. */
export const REPORT_KINDS = KINDS.filter((k) => k !== 'initiative');
export type Kind = KindCode;

/** The limits the server checks, from the server's own import-free modules. */
export const LIMITS = { ...SUBMISSION_LIMITS, maxFiles: MEDIA_LIMITS.maxFilesPerReport } as const;

/** "Hạn xử lý: 17:00 30/11/2026 (giai đoạn tiếp nhận)" — the stage named unless it is the handling itself. */
export function useDeadlineText(): (stage: string, due: string) => string {
  const t = useT(citizen);
  const stage = useNames(stagePhrases);
  return (code, due) => (code === 'process' ? t('deadline', { due }) : t('deadlineStage', { due, stage: stage(code) }));
}

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

/** Sign in (and come back here), or register. */
export function SignInButtons() {
  const t = useT(citizen);
  return (
    <p className="row">
      <SignInLink className="button">{t('signIn')}</SignInLink>
      <Link className="button secondary" href="/register">
        {t('register')}
      </Link>
    </p>
  );
}

export function SignInPrompt() {
  const t = useT(citizen);
  return (
    <>
      <h1>{t('signInTitle')}</h1>
      <p>{t('signInBody')}</p>
      <SignInButtons />
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

/** A citizen's page: its heading and introduction for everyone, then what it shows a signed-in citizen (see Gate). */
export function GatedPage({ title, intro, offline, children }: { title: string; intro?: string; offline?: () => ReactNode; children: (me: Me) => ReactNode }) {
  return (
    <Page>
      <h1>{title}</h1>
      {intro && <p>{intro}</p>}
      <Gate offline={offline}>{children}</Gate>
    </Page>
  );
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

/** Paging by offset (the citizen's lists); the navigation is named by its page, "Trang 2/5". */
export function Pager({ total, limit, offset, onChange }: { total: number; limit: number; offset: number; onChange: (offset: number) => void }) {
  const t = useT(common);
  const pages = pageCount(total, limit);
  const page = Math.floor(offset / limit) + 1;
  return <PageNav page={page} pages={pages} onPage={(n) => onChange((n - 1) * limit)} label={t('pageOf', { page, pages })} className="pager row" />;
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

/** What was said to or by the reporter, in this order; the reason, rating and decision by their names. */
const SAID = ['question', 'answer', 'explanation', 'rejectReason', 'until', 'rating', 'comment', 'decision'] as const;

/** What a step of my report said (a question, an answer, the reason of a rejection …), as a list of terms. */
export function SaidList({ said }: { said: Partial<Record<string, unknown>> }) {
  const t = useT(citizen);
  const lang = useLang();
  const wf = useWorkflows();
  const shown = SAID.filter((k) => typeof said[k] === 'string' && said[k]);
  if (shown.length === 0) return null;
  const value = (k: (typeof SAID)[number]) => {
    const v = said[k] as string;
    if (k === 'rejectReason') return wf?.rejectReasons[v] ?? v;
    if (k === 'until') return formatDateTime(v);
    if (k === 'rating') return nameOf(ratingNames, lang, v);
    if (k === 'decision') return serverName(decisionNames, lang, v, wf?.initiativeDecisions[v]);
    return v;
  };
  return (
    <dl className="said">
      {shown.map((k) => (
        <div key={k}>
          <dt>{t(`said_${k}`)}</dt>
          <dd className="prewrap">{value(k)}</dd>
        </div>
      ))}
    </dl>
  );
}
