/**
 * Action forms drawn from the workflow table (DESIGN: workflow as data): for each action the server offers
 * this officer on this report, the transition (kind + state + action) says what it needs, and the form has a
 * field per need — an Art. 6.2 reason, a processing agency, a classification, an assignee, a result with its
 * proofs, an extension … Every action posts {action, version, …}; the rule it applies is shown
 * beside its name. Rejections and publication are confirmed first: they cannot be undone.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, type ApiError } from '../../api/client.ts';
import type { Agency, Category, Unit } from '../../api/reference.ts';
import type { Me, StaffReport } from '../../api/types.ts';
import { transitionOf, type WorkflowTransition, type Workflows } from '../../api/workflows.ts';
import { ErrorBox, toApiError, useAsync } from '../../components/async.tsx';
import { SelectField } from '../../components/fields.tsx';
import { classificationNames, codesOf, proofChoiceNames, useNames } from '../../i18n/labels.ts';
import { useT } from '../../i18n/strings.ts';
import { communeCommittee, fold, loadMembers, type Proof } from './data.ts';
import { s, type StaffKey, type StaffT } from './strings.ts';
import { ProofEditor, proofProblem, proofsOf, rowFieldProblem, rowsFromProofs, type ProofRow } from './proofs.tsx';

export interface Refs {
  wf: Workflows;
  agencies: Agency[];
  communes: Unit[];
  categories: Category[];
}

/** What POST …/actions answers: the report as the actor now sees it, or only its state when they no longer may. */
export type ActionResult = StaffReport | { id: string; code: string; state: string; version: number };

/** Actions that cannot be undone: a rejection ends the report; approval and a decision publish the result. */
const IRREVERSIBLE = new Set(['reject', 'approve', 'decide']);

const TEXT_NEEDS = new Set(['explanation', 'question', 'answer', 'resultText']);
const CHOICE_NEEDS = new Set(['rejectReason', 'targetAgency', 'classification', 'assignee', 'decision', 'rating']);
const TEXT_MAX: Record<string, number> = { explanation: 2000, question: 2000, answer: 5000, resultText: 10_000 };

/** What the report page gives the actions: the report, the reference data, who acts, and what to do after. */
interface ActionProps {
  report: StaffReport;
  refs: Refs;
  me: Me | null;
  onDone: (result: ActionResult, label: string) => void;
  onConflict: () => void;
}

export function ActionPanel({ report, refs, me, onDone, onConflict }: ActionProps) {
  const t = useT(s);
  const offered = report.actions.map((action) => ({ action, tr: transitionOf(refs.wf, report.kind, report.state, action) }));
  const [chosen, setChosen] = useState<string | null>(offered.length === 1 ? (offered[0]?.action ?? null) : null);
  const current = offered.find((o) => o.action === chosen);

  if (offered.length === 0) return <p className="muted">{t('noActions')}</p>;
  return (
    <>
      <fieldset className="staff-action-choice">
        <legend>{t('chooseAction')}</legend>
        {offered.map(({ action, tr }) => (
          <div key={action} className="staff-action-option">
            <label className="choice">
              <input
                type="radio"
                name="staff-action"
                value={action}
                checked={chosen === action}
                onChange={() => setChosen(action)}
                aria-describedby={tr ? `rule-${action}` : undefined}
              />
              {tr?.label ?? action}
            </label>
            {tr && (
              <small className="staff-rule" id={`rule-${action}`} title={t('ruleLabel', { rule: tr.rule })}>
                {tr.rule}
              </small>
            )}
          </div>
        ))}
      </fieldset>
      {current &&
        (current.tr ? (
          <ActionForm key={current.action} report={report} tr={current.tr} refs={refs} me={me} onDone={onDone} onConflict={onConflict} />
        ) : (
          <p className="warning-box">{t('actionUnknown', { action: current.action })}</p>
        ))}
    </>
  );
}

type Values = Record<string, string>;

/** Needs whose field is not named by the need itself. */
const NEED_LABEL: Record<string, StaffKey> = { classification: 'classificationField', assignee: 'assigneeField', decision: 'decisionField' };

function labelFor(t: StaffT, need: string, action: string): string {
  const specific = `${need}_${action}` as StaffKey;
  const table = s.vi as Record<string, string>;
  if (specific in table) return t(specific);
  return t(NEED_LABEL[need] ?? (need as StaffKey));
}

function ActionForm({ report, tr, refs, me, onDone, onConflict }: ActionProps & { tr: WorkflowTransition }) {
  const t = useT(s);
  const classification = useNames(classificationNames);
  const action = tr.action;
  /** Where each need goes in the request body, as the server reads it. */
  const fieldOf = (need: string) => (refs.wf.needFields as Record<string, string>)[need];
  const drafting = action === 'draftResult';
  const draft = report.draft as { text: string | null; proofs: Proof[] } | null;
  const [values, setValues] = useState<Values>((): Values => (drafting && draft?.text ? { resultText: draft.text } : {}));
  const [violation, setViolation] = useState(false);
  const [rows, setRows] = useState<ProofRow[]>(() => (drafting && draft ? rowsFromProofs(draft.proofs ?? []) : []));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = (need: string) => `act-${action}-${need}`;

  const extendMin = Math.max(16, (report.extendedToDays ?? 15) + 1);
  const approveProofs = action === 'approve' ? ((draft?.proofs ?? []) as Proof[]) : [];
  const approveBlocked = action === 'approve' && approveProofs.length === 0;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const set = (need: string, v: string) => setValues((old) => ({ ...old, [need]: v }));

  function validate(): { body: Record<string, unknown>; problems: Record<string, string> } {
    const p: Record<string, string> = {};
    const body: Record<string, unknown> = { action, version: report.version };
    for (const need of tr.needs) {
      const v = (values[need] ?? '').trim();
      if (need === 'proof') continue; // approval takes the draft's proofs
      if (need === 'extendTo') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < extendMin || n > 30) p[need] = t('extendToRange', { min: extendMin });
        else body.extendTo = n;
        continue;
      }
      if (!v) {
        p[need] = t(CHOICE_NEEDS.has(need) ? 'fieldChoose' : 'fieldRequired');
        continue;
      }
      body[fieldOf(need) ?? need] = v;
    }
    if (tr.needs.includes('rejectReason') && values.rejectReason === 'a' && violation) body.violation = 'abusive';
    if (drafting) {
      const problem = proofProblem(rows, t);
      if (problem) p.proof = problem;
      if (rows.some((r) => rowFieldProblem(r).kind || rowFieldProblem(r).title)) p.proofFields = t('fieldRequired');
      body.proofs = proofsOf(rows);
    }
    return { body, problems: p };
  }

  function focusFirstProblem(p: Record<string, string>) {
    const first = tr.needs.find((n) => p[n]) ?? (p.proof || p.proofFields ? 'proof' : undefined);
    const el = first === 'proof' ? formRef.current?.querySelector<HTMLElement>('.staff-proofs [aria-invalid="true"], #proof-files') : first ? document.getElementById(id(first)) : null;
    el?.focus();
  }

  async function send(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<ActionResult>(`/api/v1/reports/${report.id}/actions`, body);
      onDone(result, tr.label);
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 409 && e.code === 'VERSION_CONFLICT') {
        setConfirming(false);
        onConflict();
        return;
      }
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    const { body, problems: p } = validate();
    setProblems(p);
    if (Object.keys(p).length) {
      focusFirstProblem(p);
      return;
    }
    if (IRREVERSIBLE.has(action)) {
      setConfirming(true);
      return;
    }
    void send(body);
  }

  const fieldError = (need: string): string | undefined => problems[need] ?? error?.fieldMessage(fieldOf(need) ?? need);
  const described = (need: string, hint?: boolean) => [hint ? `${id(need)}-hint` : '', fieldError(need) ? `${id(need)}-err` : ''].filter(Boolean).join(' ') || undefined;
  const errorLine = (need: string) =>
    fieldError(need) ? (
      <p className="field-error" id={`${id(need)}-err`}>
        {fieldError(need)}
      </p>
    ) : null;

  /** A required choice among the server's own labels (Art. 6.2 reasons, an initiative's answers). */
  const choice = (need: string, label: string, labels: Record<string, string>) => ({
    id: id(need),
    className: 'form',
    label,
    value: values[need] ?? '',
    onChange: (v: string) => set(need, v),
    placeholder: t('chooseOne'),
    required: true,
    error: fieldError(need),
    options: Object.entries(labels).map(([value, text]) => ({ value, label: text })),
  });

  const suggestedReasons = [...new Set(report.findings.flatMap((f) => (f.supportsReason ? [f.supportsReason.label] : [])))];
  const suggestedClass = report.findings.filter((f) => f.check === 'urgent_suggested' || f.check === 'complex_suggested');

  const field = (need: string): ReactNode => {
    const label = labelFor(t, need, action);
    switch (need) {
      case 'rejectReason':
        return (
          <SelectField
            key={need}
            {...choice(need, label, refs.wf.rejectReasons)}
            hint={suggestedReasons.length > 0 ? t('rejectReasonHint', { reasons: suggestedReasons.join('; ') }) : undefined}
          >
            {values[need] === 'a' && (
              <>
                <label className="choice">
                  <input type="checkbox" checked={violation} onChange={(e) => setViolation(e.target.checked)} aria-describedby={`${id(need)}-violation-hint`} />
                  {t('violation')}
                </label>
                <p className="hint" id={`${id(need)}-violation-hint`}>
                  {t('violationHint')}
                </p>
                {error?.fieldMessage('violation') && <p className="field-error">{error.fieldMessage('violation')}</p>}
              </>
            )}
          </SelectField>
        );
      case 'targetAgency':
        return (
          <AgencyField
            key={need}
            id={id(need)}
            label={label}
            action={action}
            report={report}
            refs={refs}
            value={values[need] ?? ''}
            onChange={(v) => set(need, v)}
            error={fieldError(need)}
          />
        );
      case 'classification':
        return (
          <fieldset key={need} className="staff-radios" aria-describedby={fieldError(need) ? `${id(need)}-err` : undefined}>
            <legend>{label}</legend>
            {suggestedClass.map((f) => (
              <p key={f.check} className="hint">
                {t('suggestedByCheck', { label: f.label })}
                {f.summary ? ` — ${f.summary}` : ''}
              </p>
            ))}
            {codesOf(classificationNames)
              .filter((c) => refs.wf.classifications.includes(c))
              .map((c, i) => (
              <div key={c} className="staff-radio">
                <label className="choice">
                  <input
                    type="radio"
                    id={i === 0 ? id(need) : undefined}
                    name={id(need)}
                    value={c}
                    checked={values[need] === c}
                    onChange={() => set(need, c)}
                    aria-describedby={`${id(need)}-${c}-hint`}
                    aria-invalid={Boolean(fieldError(need)) || undefined}
                  />
                  {classification(c)}
                </label>
                <p className="hint" id={`${id(need)}-${c}-hint`}>
                  {t(`classificationHint_${c}` as StaffKey)}
                </p>
              </div>
            ))}
            {errorLine(need)}
          </fieldset>
        );
      case 'assignee':
        return <AssigneeField key={need} id={id(need)} label={label} report={report} me={me} value={values[need] ?? ''} onChange={(v) => set(need, v)} error={fieldError(need)} />;
      case 'extendTo':
        return (
          <div key={need} className="form">
            <label htmlFor={id(need)}>{label}</label>
            <input
              id={id(need)}
              type="number"
              inputMode="numeric"
              min={extendMin}
              max={30}
              step={1}
              required
              value={values[need] ?? ''}
              aria-invalid={Boolean(fieldError(need)) || undefined}
              aria-describedby={described(need, true)}
              onChange={(e) => set(need, e.target.value)}
            />
            <p className="hint" id={`${id(need)}-hint`}>
              {t('extendToHint', { min: extendMin })}
            </p>
            {errorLine(need)}
          </div>
        );
      case 'decision':
        return <SelectField key={need} {...choice(need, label, refs.wf.initiativeDecisions)} />;
      case 'proof':
        return <ApproveProofs key={need} draft={draft} proofs={approveProofs} error={error?.fieldMessage('proofs')} />;
      default:
        if (!TEXT_NEEDS.has(need)) return null;
        return (
          <div key={need} className="form">
            {need === 'answer' && <ClarificationQuestion report={report} />}
            <label htmlFor={id(need)}>{label}</label>
            <textarea
              id={id(need)}
              value={values[need] ?? ''}
              required
              maxLength={TEXT_MAX[need]}
              rows={need === 'resultText' ? 8 : 4}
              aria-invalid={Boolean(fieldError(need)) || undefined}
              aria-describedby={described(need)}
              onChange={(e) => set(need, e.target.value)}
            />
            {errorLine(need)}
          </div>
        );
    }
  };

  const notComplex = (action === 'requestCooperation' || action === 'extend') && report.classification !== 'complex';
  const unknownNeeds = tr.needs.filter((n) => !fieldOf(n));

  return (
    <form ref={formRef} className="staff-action-form" onSubmit={submit} noValidate aria-labelledby={`act-${action}-title`}>
      <h3 id={`act-${action}-title`}>
        {tr.label} <small className="staff-rule">{tr.rule}</small>
      </h3>
      {action === 'dispatch' && <p className="hint">{t('dispatchHint')}</p>}
      {action === 'requestCooperation' && <p className="hint">{t('cooperationHint')}</p>}
      {notComplex && <p className="warning-box">{t('notComplexHint')}</p>}
      {unknownNeeds.length > 0 && <p className="warning-box">{t('actionUnknown', { action: unknownNeeds.join(', ') })}</p>}
      {drafting && <SentBack report={report} />}
      {tr.needs.map((need) => field(need))}
      {drafting && (
        <ProofEditor
          rows={rows}
          setRows={(u) => setRows(u)}
          problem={tried ? (problems.proof ?? error?.fieldMessage('proofs') ?? '') : (error?.fieldMessage('proofs') ?? '')}
          showFieldProblems={tried}
        />
      )}
      {tried && Object.keys(problems).length > 0 && (
        <p className="field-error" role="alert">
          {t('checkFields')}
        </p>
      )}
      <ErrorBox error={error} />
      {confirming ? (
        <div className="warning-box staff-confirm" role="group" aria-labelledby={`act-${action}-confirm`} tabIndex={-1} ref={confirmRef}>
          <h4 id={`act-${action}-confirm`}>{t('confirmTitle')}</h4>
          <p>{t('confirmBody', { label: tr.label, code: report.code })}</p>
          <div className="row">
            <button type="button" className="button" disabled={busy} onClick={() => void send(validate().body)}>
              {busy ? t('submitting') : t('confirmGo', { label: tr.label })}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('confirmBack')}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="button" disabled={busy || approveBlocked}>
          {busy ? t('submitting') : t('submit', { label: tr.label })}
        </button>
      )}
    </form>
  );
}

/** What the head asked to change when the draft was sent back, beside the rework. */
function SentBack({ report }: { report: StaffReport }) {
  const t = useT(s);
  if (report.state !== 'draftRejected') return null;
  const ev = [...report.timeline].reverse().find((e) => e.action === 'rejectDraft');
  const why = ev?.payload.explanation;
  if (typeof why !== 'string') return null;
  return <p className="warning-box">{t('sentBack', { text: why })}</p>;
}

/** The reporter's question being answered: the last clarification request in the timeline. */
function ClarificationQuestion({ report }: { report: StaffReport }) {
  const t = useT(s);
  const ev = [...report.timeline].reverse().find((e) => e.action === 'requestClarification');
  const q = ev?.payload.question;
  if (typeof q !== 'string') return null;
  return <blockquote className="staff-quote">{t('clarificationAsked', { question: q })}</blockquote>;
}

function ApproveProofs({ draft, proofs, error }: { draft: { text: string | null } | null; proofs: Proof[]; error: string | undefined }) {
  const t = useT(s);
  return (
    <div className="staff-approve">
      {draft?.text && (
        <>
          <p className="label">{t('approveDraftText')}</p>
          <blockquote className="staff-quote">{draft.text}</blockquote>
        </>
      )}
      <p className="label">{t('approveProofs')}</p>
      <ProofList proofs={proofs} empty={t('approveNoProof')} />
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

type ProofShown = { kind: string; title: string; sha256?: string | null; url?: string | null };

/** Proofs as officers see them: kind, title, and the file (a link to it, or whether one is attached); `empty` says there are none. */
export function ProofList({ proofs, empty }: { proofs: readonly ProofShown[]; empty?: string }) {
  if (proofs.length === 0) return empty ? <p className="warning-box">{empty}</p> : null;
  return (
    <ul>
      {proofs.map((p, i) => (
        <li key={i}>
          <ProofLine proof={p} />
        </li>
      ))}
    </ul>
  );
}

function ProofLine({ proof }: { proof: ProofShown }) {
  const t = useT(s);
  const kind = useNames(proofChoiceNames)(proof.kind);
  return (
    <>
      <span className="badge">{kind}</span> {proof.title}
      {proof.url ? (
        <>
          {' — '}
          <a href={proof.url} target="_blank" rel="noreferrer">
            {t('proofOpen', { title: proof.title })}
          </a>
        </>
      ) : (
        'sha256' in proof && <span className="muted small"> — {proof.sha256 ? t('proofFileAttached') : t('proofNoFile')}</span>
      )}
    </>
  );
}

interface Group {
  label: string;
  items: Agency[];
}

/**
 * Agencies this action can name, best first: `dispatch` only commune People's Committees (the report's own
 * first); cooperation only the lead's level; otherwise the city agencies of the category's field and the
 * committee of the report's commune, then the rest.
 */
function agencyGroups(t: StaffT, action: string, report: StaffReport, refs: Refs): Group[] {
  const active = refs.agencies.filter((a) => a.active);
  const local = communeCommittee(refs.agencies, refs.communes, report.commune);
  const field = refs.categories.find((c) => c.code === report.category.code)?.field;
  const communes = active.filter((a) => a.kind === 'commune_committee');
  const city = active.filter((a) => a.level === 'city');
  const withoutIds = (list: Agency[], ids: (string | undefined | null)[]) => list.filter((a) => !ids.includes(a.id));
  if (action === 'dispatch') {
    return [
      { label: t('groupReportCommune'), items: local ? [local] : [] },
      { label: t('groupCommune'), items: withoutIds(communes, [local?.id]) },
    ];
  }
  const suggested = [...city.filter((a) => field && a.fields.includes(field)), ...(local ? [local] : [])];
  let exclude: (string | null | undefined)[] = [];
  let pool = { city, communes };
  if (action === 'transfer') exclude = [report.receivingAgency.id];
  if (action === 'requestCooperation') {
    const lead = refs.agencies.find((a) => a.id === report.processingAgency?.id);
    exclude = [lead?.id];
    if (lead) pool = { city: city.filter((a) => a.level === lead.level), communes: communes.filter((a) => a.level === lead.level) };
  }
  if (action === 'distribute') pool = { city, communes: [] };
  const allowed = new Set([...pool.city, ...pool.communes].map((a) => a.id));
  const first = withoutIds(suggested, exclude).filter((a) => allowed.has(a.id));
  const firstIds = first.map((a) => a.id);
  return [
    { label: t('groupSuggested'), items: first },
    { label: t('groupCity'), items: withoutIds(pool.city, [...exclude, ...firstIds]) },
    { label: t('groupCommune'), items: withoutIds(pool.communes, [...exclude, ...firstIds]) },
  ];
}

function AgencyField({
  id,
  label,
  action,
  report,
  refs,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  action: string;
  report: StaffReport;
  refs: Refs;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const t = useT(s);
  const [filter, setFilter] = useState('');
  const needle = fold(filter.trim());
  const groups = agencyGroups(t, action, report, refs)
    .map((g) => ({ ...g, items: needle ? g.items.filter((a) => a.id === value || fold(`${a.name} ${a.shortName ?? ''}`).includes(needle)) : g.items }))
    .filter((g) => g.items.length > 0);
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <div className="form">
      <label htmlFor={`${id}-filter`}>{t('agencyFilter')}</label>
      <input id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby={`${id}-filter-hint`} aria-controls={id} />
      <p className="hint" id={`${id}-filter-hint`}>
        {t('agencyFilterHint')}
      </p>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required aria-invalid={Boolean(error) || undefined} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('chooseOne')}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {count === 0 && <p className="hint">{t('noAgencyMatch')}</p>}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}

function AssigneeField({
  id,
  label,
  report,
  me,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  report: StaffReport;
  me: Me | null;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const t = useT(s);
  const agencyId = report.dispatchedAgency?.id ?? report.processingAgency?.id ?? null;
  const members = useAsync(() => (agencyId ? loadMembers(agencyId) : Promise.resolve([])), [agencyId]);
  const seen = new Set<string>();
  const officers = (members.data ?? []).filter((m) => m.role === 'processing_officer' && m.status === 'active' && !seen.has(m.id) && seen.add(m.id));
  return (
    <div className="form">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required aria-invalid={Boolean(error) || undefined} aria-describedby={error ? `${id}-err` : undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('chooseOne')}</option>
        {officers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id === me?.id ? t('assigneeMe', { name: m.displayName }) : m.displayName} ({m.username})
          </option>
        ))}
      </select>
      {members.error && <ErrorBox error={members.error} onRetry={members.reload} />}
      {members.data && officers.length === 0 && <p className="warning-box">{t('assigneeNone')}</p>}
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}
