/**
 * /staff/reports/:id — one report as the officer handling it sees it: deadlines, the content and its place,
 * the reporter (or that they asked for confidentiality, R-5.7 — nothing else), the original photos and videos
 * with what their EXIF says (R-6.1b), the automatic checks beside the Art. 6.2 reasons (issue 5), the draft or
 * result with its proofs, cooperation, the internal timeline, and the action forms.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiError } from '../../api/client.ts';
import { loadAgencies, loadCategories, loadCommunes } from '../../api/reference.ts';
import type { Me, StaffReport } from '../../api/types.ts';
import { loadWorkflows } from '../../api/workflows.ts';
import { ErrorBox, Loading, toApiError, useAsync, useSubmit } from '../../components/async.tsx';
import { LazyMap } from '../../components/lazy-map.tsx';
import type { MapMarker } from '../../components/map-view.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { classificationNames, decisionNames, kindShortNames, nameOf, ratingNames, serverName, stageNames, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { ActionPanel, ProofList, type ActionResult, type Refs } from './actions.tsx';
import { headAt, loadMembers, type Member } from './data.ts';
import { DeadlineBadge } from './deadline.tsx';
import { ClassificationBadge, findingTone } from './queue.tsx';
import { s, type StaffKey, type StaffT } from './strings.ts';

type Evidence = StaffReport['evidence'][number];
type TimelineEvent = StaffReport['timeline'][number];

export default function ReportPage({ id }: { id: string }) {
  const t = useT(s);
  const { me } = useSession();
  const [report, setReport] = useState<StaffReport | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState('');
  const [conflict, setConflict] = useState(false);
  const [gone, setGone] = useState<string | null>(null);
  const [done, setDone] = useState(0);
  const seq = useRef(0);
  const refs = useAsync(() => Promise.all([loadWorkflows(), loadAgencies(), loadCommunes(), loadCategories()]), []);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const r = await api.get<StaffReport>(`/api/v1/reports/${id}`);
      if (mine === seq.current) {
        setReport(r);
        setLoadError(null);
      }
    } catch (err) {
      if (mine === seq.current) setLoadError(toApiError(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [id]);

  useEffect(() => {
    setReport(null);
    setStatus('');
    setConflict(false);
    setGone(null);
    void reload();
  }, [reload]);

  const onDone = (result: ActionResult, label: string) => {
    setConflict(false);
    if ('actions' in result) {
      setReport(result);
      setDone((n) => n + 1);
      setStatus(t('done', { label, state: result.stateLabel }));
    } else {
      setGone(t('doneGone', { label, code: result.code }));
    }
    window.scrollTo({ top: 0 });
  };
  const onConflict = () => {
    setStatus('');
    setConflict(true);
    void reload();
  };

  const back = (
    <p>
      <Link href="/">← {t('back')}</Link>
    </p>
  );
  if (gone) {
    return (
      <>
        {back}
        <p className="notice" role="status">
          {gone}
        </p>
      </>
    );
  }
  if (!report) {
    return (
      <>
        {back}
        {loadError ? (
          <>
            <h1>{loadError.status === 404 ? t('notFoundTitle') : t('reportTitle')}</h1>
            <ErrorBox error={loadError.status === 404 ? new ApiError(404, loadError.code, t('notFoundReport')) : loadError} onRetry={() => void reload()} />
          </>
        ) : (
          <Loading />
        )}
      </>
    );
  }
  const [wf, agencies, communes, categories] = refs.data ?? [];
  const ready: Refs | null = wf && agencies && communes && categories ? { wf, agencies, communes: communes.items, categories } : null;

  return (
    <>
      {back}
      <ReportHeader report={report} />
      <div role="status" aria-live="polite" className={status ? 'notice' : undefined}>
        {status}
      </div>
      {conflict && (
        <p className="warning-box" role="alert">
          {t('conflict')}
        </p>
      )}
      <ErrorBox error={loadError} onRetry={() => void reload()} />
      {loading && <Loading />}
      <div className="grid-side staff-detail">
        <div>
          <Deadlines report={report} />
          <Content report={report} />
          <Place report={report} />
          <Reporter report={report} />
          <EvidenceViewer report={report} />
          <Findings report={report} />
          <Outcome report={report} wfReasons={wf?.rejectReasons ?? {}} decisions={wf?.initiativeDecisions ?? {}} />
          <Cooperations report={report} me={me} onChanged={(msg) => (setStatus(msg), void reload())} />
          <Timeline report={report} me={me} refs={ready} />
        </div>
        <aside className="staff-aside" aria-labelledby="staff-actions-title">
          <Handling report={report} me={me} />
          <section className="card" id="staff-actions" tabIndex={-1}>
            <h2 id="staff-actions-title">{t('actions')}</h2>
            <ErrorBox error={refs.error} onRetry={refs.reload} />
            {ready ? (
              <ActionPanel key={`${report.id}:${report.state}:${done}`} report={report} refs={ready} me={me} onDone={onDone} onConflict={onConflict} />
            ) : (
              !refs.error && <Loading />
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

function ReportHeader({ report }: { report: StaffReport }) {
  const t = useT(s);
  const kind = useNames(kindShortNames);
  const running = report.deadlines.filter((d) => !d.stoppedAt && d.due);
  return (
    <header className="staff-report-head">
      <p className="muted small">
        {kind(report.kind)} · {t('reportCode')}: <strong className="staff-code">{report.code}</strong>
      </p>
      <h1>{report.title}</h1>
      <div className="row">
        <span className={`badge ${report.state === 'rejected' ? 'late' : 'info'}`}>{report.stateLabel}</span>
        {report.classification ? <ClassificationBadge value={report.classification} /> : <span className="badge">{t('notClassified')}</span>}
        {running.map((d) => (
          <DeadlineBadge key={d.stage} deadline={d} />
        ))}
        <a href="#staff-actions" className="small staff-jump">
          {t('toActions')}
        </a>
      </div>
    </header>
  );
}

function Deadlines({ report }: { report: StaffReport }) {
  const t = useT(s);
  const stage = useNames(stageNames);
  const list = [...report.deadlines].sort((a, b) => Number(Boolean(a.stoppedAt)) - Number(Boolean(b.stoppedAt)));
  return (
    <section className="card" aria-labelledby="sec-deadlines">
      <h2 id="sec-deadlines">{t('deadlines')}</h2>
      {report.extendedToDays && <p className="hint">{t('extendedTo', { days: report.extendedToDays })}</p>}
      {list.length === 0 ? (
        <p className="muted">{t('noDeadlines')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('deadlineStage')}</th>
                <th scope="col">{t('deadlineStarted')}</th>
                <th scope="col">{t('deadlineDue')}</th>
                <th scope="col">{t('deadlineStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((d, i) => (
                <tr key={`${d.stage}-${i}`}>
                  <th scope="row">{stage(d.stage)}</th>
                  <td>{formatDateTime(d.startedAt)}</td>
                  <td>{formatDateTime(d.due)}</td>
                  <td>
                    {d.stoppedAt ? (
                      <>
                        {t('deadlineStopped', { at: formatDateTime(d.stoppedAt) })}{' '}
                        <span className={`badge ${d.overdue ? 'late' : 'ok'}`}>{d.overdue ? t('deadlineOverdue') : t('deadlineOnTime')}</span>
                      </>
                    ) : d.due ? (
                      <DeadlineBadge deadline={d} />
                    ) : (
                      t('deadlineRunning')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">{t('deadlineTimeNote')}</p>
    </section>
  );
}

function Content({ report }: { report: StaffReport }) {
  const t = useT(s);
  const kind = useNames(kindShortNames);
  return (
    <section className="card" aria-labelledby="sec-content">
      <h2 id="sec-content">{t('content')}</h2>
      <p className="staff-text">{report.description}</p>
      <dl className="staff-facts">
        <dt>{t('category')}</dt>
        <dd>{report.category.name}</dd>
        <dt>{t('kind')}</dt>
        <dd>{kind(report.kind)}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>{formatDateTime(report.submittedAt)}</dd>
        {report.occurredAt && (
          <>
            <dt>{t('occurredAt')}</dt>
            <dd>{formatDateTime(report.occurredAt)}</dd>
          </>
        )}
        {report.routing && (
          <>
            <dt>{t('routing')}</dt>
            <dd className="small">{report.routing}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** Metres between two WGS84 points (haversine), to compare where a photo was taken with the report's place. */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

function Place({ report }: { report: StaffReport }) {
  const t = useT(s);
  const place = report.place;
  const gpsKey = report.evidence.map((e) => (e.gps ? `${e.gps.lat},${e.gps.lng}` : '')).join(';');
  const gpsLabel = t('gpsMarker', { n: '{n}' });
  // Stable objects: the map re-centres whenever its pin or focus changes identity.
  const markers = useMemo<MapMarker[]>(
    () => report.evidence.flatMap((e, i) => (e.gps ? [{ lat: e.gps.lat, lng: e.gps.lng, label: gpsLabel.replace('{n}', String(i + 1)), color: '#0d47a1' }] : [])),
    [gpsKey, gpsLabel],
  );
  const pin = useMemo(() => (place ? { lat: place.lat, lng: place.lng } : null), [place?.lat, place?.lng]);
  return (
    <section className="card" aria-labelledby="sec-place">
      <h2 id="sec-place">{t('place')}</h2>
      <p>
        {place?.address && <>{place.address} · </>}
        {report.commune ?? ''}
        {place && (
          <span className="muted small">
            {' '}
            ({place.lat.toFixed(5)}, {place.lng.toFixed(5)})
          </span>
        )}
      </p>
      {place ? (
        <LazyMap pin={pin} focus={pin} markers={markers} height={300} label={t('mapOfReport')} />
      ) : (
        <p className="muted">{t('noPlace')}</p>
      )}
    </section>
  );
}

function Reporter({ report }: { report: StaffReport }) {
  const t = useT(s);
  const r = report.reporter;
  return (
    <section className="card" aria-labelledby="sec-reporter">
      <h2 id="sec-reporter">{t('reporter')}</h2>
      {/* a confidential reporter is never named, nor described in any other way. */}
      <p>{r.confidential ? t('reporterConfidential') : (r.displayName ?? t('reporterUnknown'))}</p>
    </section>
  );
}

function EvidenceViewer({ report }: { report: StaffReport }) {
  const t = useT(s);
  const items = report.evidence;
  const [shown, setShown] = useState(0);
  const current = items[shown];
  return (
    <section className="card" aria-labelledby="sec-evidence">
      <h2 id="sec-evidence">{t('evidence')}</h2>
      {items.length === 0 || !current ? (
        <p className="muted">{t('noEvidence')}</p>
      ) : (
        <>
          {items.length > 1 && (
            <ul className="thumbs staff-thumbs">
              {items.map((e, i) => (
                <li key={e.uploadId}>
                  <button type="button" className="staff-thumb" aria-pressed={i === shown} aria-label={t('evidenceOpen', { n: i + 1 })} onClick={() => setShown(i)}>
                    {e.kind === 'video' ? (
                      <span className="staff-video-thumb">▶</span>
                    ) : /^image\/hei[cf]$/.test(e.mime) ? (
                      <span className="staff-video-thumb">HEIC</span>
                    ) : (
                      <img src={e.original} alt="" loading="lazy" />
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <figure className="staff-viewer" aria-label={t('evidenceViewer')}>
            {current.kind === 'video' ? (
              <video key={current.uploadId} controls preload="metadata" src={current.original}>
                {t('videoNoSupport')}
              </video>
            ) : /^image\/hei[cf]$/.test(current.mime) ? (
              <p className="warning-box">{t('heicNote')}</p>
            ) : (
              <img src={current.original} alt={t('evidenceItem', { n: shown + 1 })} />
            )}
            <figcaption>
              <EvidenceFacts item={current} n={shown + 1} place={report.place} />
            </figcaption>
          </figure>
        </>
      )}
    </section>
  );
}

function EvidenceFacts({ item, n, place }: { item: Evidence; n: number; place: StaffReport['place'] }) {
  const t = useT(s);
  return (
    <ul className="staff-facts-list small">
      <li>
        <strong>{t('evidenceItem', { n })}</strong> · {item.mime} · {formatBytes(item.size)}
      </li>
      <li>{item.takenAt ? t('takenAt', { at: formatDateTime(item.takenAt) }) : <span className="muted">{t('noTakenAt')}</span>}</li>
      <li>
        {item.gps ? (
          <>
            {t('gps', { lat: item.gps.lat.toFixed(6), lng: item.gps.lng.toFixed(6) })}
            {place && <> — {t('gpsDistance', { m: Math.round(metres(item.gps, place)) })}</>}
          </>
        ) : (
          <span className="muted">{t('noGps')}</span>
        )}
      </li>
      {item.software && <li>{t('software', { name: item.software })}</li>}
      <li>
        <a href={item.original} target="_blank" rel="noopener noreferrer">
          {t('openOriginal')}
        </a>
      </li>
    </ul>
  );
}

function Findings({ report }: { report: StaffReport }) {
  const t = useT(s);
  const index = new Map(report.evidence.map((e, i) => [e.uploadId, i + 1]));
  return (
    <section className="card" aria-labelledby="sec-findings">
      <h2 id="sec-findings">{t('findings')}</h2>
      <p className="hint">{t('findingsHint')}</p>
      {!report.integrityCheckedAt && <p className="muted">{t('findingsNotYet')}</p>}
      {report.integrityCheckedAt && report.findings.length === 0 && <p className="muted">{t('findingsNone', { at: formatDateTime(report.integrityCheckedAt) })}</p>}
      {report.findings.length > 0 && (
        <ul className="list staff-findings">
          {report.findings.map((f, i) => (
            <li key={`${f.check}-${i}`}>
              <div className="row">
                <span className={`badge ${findingTone(f.check)}`}>{f.label}</span>
                <span className="small">{t('confidence', { n: Math.round(f.confidence * 100) })}</span>
                {f.uploadId && index.has(f.uploadId) && <span className="small muted">{t('evidenceItem', { n: index.get(f.uploadId)! })}</span>}
              </div>
              {f.summary && <p className="staff-finding-summary">{f.summary}</p>}
              {f.supportsReason && <p className="small">{t('supportsReason', { reason: f.supportsReason.label })}</p>}
              {f.matchedReport && (
                <p className="small">
                  <Link href={`/reports/${f.matchedReport.id}`}>{t('matchedReport', { code: f.matchedReport.code ?? f.matchedReport.id })}</Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Outcome({ report, wfReasons, decisions }: { report: StaffReport; wfReasons: Record<string, string>; decisions: Record<string, string> }) {
  const t = useT(s);
  const lang = useLang();
  const draft = report.draft;
  const result = report.result;
  const rejection = [...report.timeline].reverse().find((e) => e.action === 'reject');
  if (!draft && !result && !report.rejectReason) return null;
  return (
    <>
      {report.rejectReason && (
        <section className="card" aria-labelledby="sec-rejected">
          <h2 id="sec-rejected">{t('rejectedFor', { reason: wfReasons[report.rejectReason] ?? report.rejectReason })}</h2>
          {typeof rejection?.payload.explanation === 'string' && <p className="staff-text">{rejection.payload.explanation}</p>}
        </section>
      )}
      {draft && (
        <section className="card" aria-labelledby="sec-draft">
          <h2 id="sec-draft">{t('draft')}</h2>
          <p className="staff-text">{draft.text}</p>
          <h3>{t('proofs')}</h3>
          <ProofList proofs={draft.proofs ?? []} empty={t('noProofs')} />
        </section>
      )}
      {result && (
        <section className="card" aria-labelledby="sec-result">
          <h2 id="sec-result">{t('result')}</h2>
          <p className="muted small">{formatDateTime(result.publishedAt)}</p>
          {result.decision && (
            <p>
              <strong>{t('decision')}:</strong> {serverName(decisionNames, lang, result.decision, decisions[result.decision])}
            </p>
          )}
          <p className="staff-text">{result.text}</p>
          {result.proofs.length > 0 && (
            <>
              <h3>{t('proofs')}</h3>
              <ProofList proofs={result.proofs} />
            </>
          )}
          {report.rating && (
            <p>
              <strong>{t('rating')}:</strong> {nameOf(ratingNames, lang, report.rating)}
              {report.ratingComment ? ` — ${report.ratingComment}` : ''}
            </p>
          )}
        </section>
      )}
    </>
  );
}

function Handling({ report, me }: { report: StaffReport; me: Me | null }) {
  const t = useT(s);
  const agencyId = report.dispatchedAgency?.id ?? report.processingAgency?.id ?? null;
  const members = useMembers(agencyId, me);
  const assignee = report.assigneeId ? members.find((m) => m.id === report.assigneeId) : undefined;
  return (
    <section className="card" aria-labelledby="sec-handling">
      <h2 id="sec-handling">{t('handling')}</h2>
      <dl className="staff-facts">
        <dt>{t('receivingAgency')}</dt>
        <dd>{report.receivingAgency.name}</dd>
        <dt>{t('processingAgency')}</dt>
        <dd>{report.processingAgency?.name ?? <span className="muted">{t('notYet')}</span>}</dd>
        {report.dispatchedAgency && (
          <>
            <dt>{t('dispatchedAgency')}</dt>
            <dd>{report.dispatchedAgency.name}</dd>
          </>
        )}
        <dt>{t('assignee')}</dt>
        <dd>
          {!report.assigneeId ? (
            <span className="muted">{t('notYet')}</span>
          ) : report.assigneeId === me?.id ? (
            t('assigneeMe', { name: me.displayName })
          ) : (
            (assignee?.displayName ?? t('assigneeSomeone'))
          )}
        </dd>
      </dl>
    </section>
  );
}

/** Officers of the handling agency, when this officer may read them (heads, the Center); otherwise none. */
function useMembers(agencyId: string | null, me: Me | null): Member[] {
  const allowed = Boolean(agencyId && (headAt(me, agencyId) || me?.memberships.some((m) => m.role === 'center_operator')));
  const members = useAsync(() => (allowed && agencyId ? loadMembers(agencyId).catch(() => []) : Promise.resolve([])), [agencyId, allowed]);
  return members.data ?? [];
}

function Cooperations({ report, me, onChanged }: { report: StaffReport; me: Me | null; onChanged: (message: string) => void }) {
  const t = useT(s);
  if (report.cooperations.length === 0) return null;
  const lead = headAt(me, report.processingAgency?.id);
  return (
    <section className="card" aria-labelledby="sec-cooperation">
      <h2 id="sec-cooperation">{t('cooperations')}</h2>
      <ul className="list">
        {report.cooperations.map((c) => (
          <li key={c.agencyId}>
            <div className="spread">
              <strong>{c.agency}</strong>
              <span className={`badge ${c.state === 'open' ? 'warn' : c.state === 'returned' ? 'ok' : ''}`}>{t(`cooperationState_${c.state}` as StaffKey)}</span>
            </div>
            <p className="muted small">{t('requestedAt', { at: formatDateTime(c.requestedAt) })}</p>
            {c.result && (
              <p>
                <strong>{t('cooperationResult')}:</strong> {c.result}
              </p>
            )}
            {c.closedReason && (
              <p>
                <strong>{t('cooperationReason')}:</strong> {c.closedReason}
              </p>
            )}
            {c.state === 'open' && headAt(me, c.agencyId) && (
              <CooperationForm report={report} agencyId={c.agencyId} agency={c.agency ?? ''} kind="return" onDone={() => onChanged(t('cooperationReturned'))} />
            )}
            {c.state === 'open' && lead && (
              <CooperationForm report={report} agencyId={c.agencyId} agency={c.agency ?? ''} kind="close" onDone={() => onChanged(t('cooperationClosed'))} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CooperationForm({ report, agencyId, agency, kind, onDone }: { report: StaffReport; agencyId: string; agency: string; kind: 'return' | 'close'; onDone: () => void }) {
  const t = useT(s);
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();
  const [problem, setProblem] = useState('');
  const fid = `coop-${kind}-${agencyId}`;
  const bodyField = kind === 'return' ? 'resultText' : 'reason';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim().length < 5) {
      setProblem(t('minChars', { n: 5 }));
      document.getElementById(fid)?.focus();
      return;
    }
    setProblem('');
    await run(async () => {
      await api.post(`/api/v1/reports/${report.id}/cooperations/${agencyId}/${kind}`, { [bodyField]: text.trim() });
      setText('');
      onDone();
    });
  }

  const fieldProblem = problem || error?.fieldMessage(bodyField);
  return (
    <form className="form staff-coop-form" onSubmit={submit} noValidate>
      <h3 className="staff-small-heading">{kind === 'return' ? t('returnTitle') : t('closeTitle')}</h3>
      <label htmlFor={fid}>{kind === 'return' ? t('returnText', { agency }) : t('closeReason', { agency })}</label>
      <textarea id={fid} value={text} rows={4} maxLength={kind === 'return' ? 10_000 : 2000} required aria-invalid={Boolean(fieldProblem) || undefined} aria-describedby={fieldProblem ? `${fid}-err` : undefined} onChange={(e) => setText(e.target.value)} />
      {fieldProblem && (
        <p className="field-error" id={`${fid}-err`}>
          {fieldProblem}
        </p>
      )}
      <ErrorBox error={error} />
      <div>
        <button type="submit" className={kind === 'return' ? 'button' : 'button secondary'} disabled={busy}>
          {busy ? t('submitting') : kind === 'return' ? t('returnSubmit') : t('closeSubmit')}
        </button>
      </div>
    </form>
  );
}

/** Payload fields shown in the internal timeline, in this order; others (ids, counts) stay out. */
const PAYLOAD_ORDER = [
  'rejectReason',
  'violation',
  'classification',
  'targetAgencyId',
  'agencyId',
  'assigneeId',
  'extendTo',
  'explanation',
  'question',
  'answer',
  'resultText',
  'proofs',
  'decision',
  'rating',
  'comment',
  'reason',
] as const;

function Timeline({ report, me, refs }: { report: StaffReport; me: Me | null; refs: Refs | null }) {
  const t = useT(s);
  const agencyId = report.dispatchedAgency?.id ?? report.processingAgency?.id ?? null;
  const members = useMembers(agencyId, me);
  return (
    <section className="card" aria-labelledby="sec-timeline">
      <h2 id="sec-timeline">{t('timeline')}</h2>
      <ol className="timeline staff-timeline">
        {report.timeline.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <TimelineItem event={e} me={me} members={members} refs={refs} t={t} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function TimelineItem({ event: e, me, members, refs, t }: { event: TimelineEvent; me: Me | null; members: Member[]; refs: Refs | null; t: StaffT }) {
  const lang = useLang();
  const label = e.action === 'cooperationReturned' ? t('cooperationReturnedEvent') : e.action === 'cooperationClosed' ? t('cooperationClosedEvent') : e.label;
  const role = (s.vi as Record<string, string>)[`role_${e.actorRole}`] ? t(`role_${e.actorRole}` as StaffKey) : e.actorRole;
  const agencyName = (id: unknown) => (typeof id === 'string' ? (refs?.agencies.find((a) => a.id === id)?.name ?? id) : '');
  const value = (key: string, v: unknown): string => {
    switch (key) {
      case 'rejectReason':
        return refs?.wf.rejectReasons[String(v)] ?? String(v);
      case 'classification':
        return nameOf(classificationNames, lang, String(v));
      case 'targetAgencyId':
      case 'agencyId':
        return agencyName(v);
      case 'assigneeId':
        return v === me?.id ? t('assigneeMe', { name: me?.displayName ?? '' }) : (members.find((m) => m.id === v)?.displayName ?? t('assigneeSomeone'));
      case 'extendTo':
        return t('p_extendToValue', { n: String(v) });
      case 'decision':
        return serverName(decisionNames, lang, String(v), refs?.wf.initiativeDecisions[String(v)]);
      case 'rating':
        return nameOf(ratingNames, lang, String(v));
      default:
        return String(v);
    }
  };
  const rule = typeof e.payload.rule === 'string' ? e.payload.rule : null;
  return (
    <>
      <p className="staff-event-head">
        <strong>{label}</strong> {rule && <small className="staff-rule">{rule}</small>}
        <br />
        <span className="muted small">
          {formatDateTime(e.at)} · {t('by', { role })}
          {e.agency ? ` ${t('atAgency', { agency: e.agency })}` : ''}
          {e.stateLabel ? ` → ${e.stateLabel}` : ''}
        </span>
      </p>
      <dl className="staff-payload">
        {PAYLOAD_ORDER.filter((k) => e.payload[k] !== undefined && e.payload[k] !== null && e.payload[k] !== '').map((k) => (
          <div key={k}>
            <dt>{t(`p_${k}` as StaffKey)}</dt>
            <dd>
              {k === 'proofs' && Array.isArray(e.payload.proofs) ? (
                <ProofList proofs={e.payload.proofs as { kind: string; title: string; sha256?: string }[]} />
              ) : (
                value(k, e.payload[k])
              )}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
