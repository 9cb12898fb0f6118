/**
 * /app/reports/:id: my report as its reporter sees it — state, deadline, media, timeline with what was said to
 * me, the rejection reason or the result with its proofs, and what I may do now: answer a
 * question, ask for clarification, rate the result.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { ReporterReport } from '../../api/types.ts';
import { useWorkflows } from '../../api/workflows.ts';
import { ErrorBox, Loaded, Loading, useAsync, useSubmit } from '../../components/async.tsx';
import { LazyMap } from '../../components/lazy-map.tsx';
import { ResultProofs, Thumbs } from '../../components/thumbs.tsx';
import { formatDateTime } from '../../format.ts';
import { RATINGS, decisionNames, kindNames, nameOf, ratingNames, serverName, useNames } from '../../i18n/labels.ts';
import { defineStrings, useLang, useT } from '../../i18n/strings.ts';
import { Gate, Page, SaidList, StateBadge, useDeadlineText } from './shared.tsx';
import { citizen } from './strings.ts';

const s = defineStrings(
  {
    facts: 'Thông tin phản ánh',
    code: 'Mã phản ánh',
    state: 'Trạng thái',
    kind: 'Loại',
    category: 'Lĩnh vực',
    commune: 'Xã/phường',
    submittedAt: 'Gửi lúc',
    occurredAt: 'Thời điểm xảy ra',
    address: 'Địa chỉ',
    agency: 'Cơ quan đang xử lý',
    confidential: 'Bảo mật danh tính',
    yes: 'Có — cán bộ không thấy tên bạn',
    no: 'Không — cán bộ thấy họ tên bạn; trang công khai không bao giờ hiện tên',
    overdue: '(đã quá hạn)',
    actionsTitle: 'Việc bạn có thể làm',
    askedYou: 'Cơ quan tiếp nhận cần bạn bổ sung thông tin:',
    answer: 'Thông tin bổ sung của bạn',
    answerHint: 'Trả lời đúng điều được hỏi; thông tin bổ sung giúp phản ánh được tiếp nhận nhanh hơn.',
    sendAnswer: 'Gửi thông tin bổ sung',
    question: 'Điều bạn muốn được làm rõ về kết quả',
    questionHint: 'Bạn có thể đề nghị làm rõ trong 2 ngày kể từ khi nhận kết quả; cơ quan trả lời trong 2 ngày làm việc.',
    sendQuestion: 'Gửi đề nghị làm rõ',
    rateLegend: 'Bạn đánh giá kết quả xử lý thế nào?',
    comment: 'Nhận xét (không bắt buộc)',
    sendRating: 'Gửi đánh giá',
    sending: 'Đang gửi…',
    done_provideInformation: 'Đã gửi thông tin bổ sung.',
    done_requestClarification: 'Đã gửi đề nghị làm rõ. Cơ quan sẽ trả lời trong 2 ngày làm việc.',
    done_rate: 'Cảm ơn bạn đã đánh giá.',
    needText: 'Hãy nhập nội dung',
    needRating: 'Hãy chọn một mức đánh giá',
    rejectedTitle: 'Phản ánh không được tiếp nhận',
    reason: 'Lý do (Quy chế iHanoi, Điều 6 khoản 2):',
    explanation: 'Giải thích của cơ quan tiếp nhận:',
    rejectedNext: 'Nếu sự việc vẫn còn, bạn có thể gửi phản ánh mới với nội dung đầy đủ, chính xác, ảnh do chính bạn chụp và vị trí cụ thể.',
    newReport: 'Gửi phản ánh mới',
    resultTitle: 'Kết quả xử lý',
    publishedAt: 'Công khai lúc {time}',
    decision: 'Quyết định:',
    proofs: 'Tài liệu chứng minh việc xử lý',
    yourRating: 'Đánh giá của bạn: {rating}',
    description: 'Nội dung',
    media: 'Ảnh, video',
    mediaNone: 'Chưa có ảnh công khai. Video được công khai sau khi đã xóa thông tin vị trí, thiết bị.',
    photo: 'Ảnh {n} của phản ánh {code}',
    resultPhoto: 'Ảnh kết quả {n}',
    place: 'Vị trí',
    mapLabel: 'Bản đồ vị trí phản ánh',
    timeline: 'Diễn biến xử lý',
    you: 'Bạn',
    publicPage: 'Trang công khai của phản ánh này',
    back: 'Về danh sách phản ánh của tôi',
    notFound: 'Không tìm thấy phản ánh này trong các phản ánh của bạn.',
  },
  {
    facts: 'Report details',
    code: 'Report code',
    state: 'Status',
    kind: 'Kind',
    category: 'Field',
    commune: 'Commune/ward',
    submittedAt: 'Sent at',
    occurredAt: 'Happened at',
    address: 'Address',
    agency: 'Agency handling it',
    confidential: 'Identity confidential',
    yes: 'Yes — officers do not see your name',
    no: 'No — officers see your full name; the public page never shows it',
    overdue: '(overdue)',
    actionsTitle: 'What you can do',
    askedYou: 'The receiving agency needs more information from you:',
    answer: 'Your additional information',
    answerHint: 'Answer what was asked; it helps your report to be received sooner.',
    sendAnswer: 'Send the additional information',
    question: 'What you would like clarified about the result',
    questionHint: 'You may ask within 2 days of receiving the result; the agency answers within 2 working days.',
    sendQuestion: 'Send the clarification request',
    rateLegend: 'How do you rate the handling?',
    comment: 'Comment (optional)',
    sendRating: 'Send my rating',
    sending: 'Sending…',
    done_provideInformation: 'Your additional information was sent.',
    done_requestClarification: 'Your request was sent. The agency answers within 2 working days.',
    done_rate: 'Thank you for your rating.',
    needText: 'Please write something',
    needRating: 'Please choose a rating',
    rejectedTitle: 'The report was not accepted',
    reason: 'Reason (iHanoi rules, Article 6.2):',
    explanation: 'Explanation of the receiving agency:',
    rejectedNext: 'If the problem remains, you may send a new report with complete, accurate content, photos you took yourself and the exact place.',
    newReport: 'Send a new report',
    resultTitle: 'Result',
    publishedAt: 'Published at {time}',
    decision: 'Decision:',
    proofs: 'Documents proving the handling',
    yourRating: 'Your rating: {rating}',
    description: 'Description',
    media: 'Photos, videos',
    mediaNone: 'No public photo yet. Videos are published once location and device data are removed.',
    photo: 'Photo {n} of report {code}',
    resultPhoto: 'Result photo {n}',
    place: 'Place',
    mapLabel: 'Map of the report’s place',
    timeline: 'Progress',
    you: 'You',
    publicPage: 'Public page of this report',
    back: 'Back to my reports',
    notFound: 'This report is not among your reports.',
  },
);

const CODE = /^PA-\d{4}-\d{6,}$/;

export default function ReportDetail() {
  return (
    <Page>
      <Gate>{() => <Detail />}</Gate>
    </Page>
  );
}

function Detail() {
  const t = useT(s);
  const { id = '' } = useParams<{ id: string }>();
  const code = new URLSearchParams(useSearch()).get('code');
  const [, navigate] = useLocation();
  const isCode = CODE.test(id);
  const state = useAsync(() => (isCode ? Promise.resolve(null) : api.get<ReporterReport>(`/api/v1/reports/${encodeURIComponent(id)}`)), [id]);
  const [updated, setUpdated] = useState<ReporterReport | null>(null);

  // Not mine (a report I follow): its public page.
  const status = state.error?.status;
  const publicCode = isCode ? id : code && CODE.test(code) && (status === 404 || status === 403 || status === 400) ? code : null;
  useEffect(() => {
    if (publicCode) navigate(`~/reports/${publicCode}`, { replace: true });
  }, [publicCode, navigate]);

  if (publicCode) return <Loading />;
  if (status === 404 || status === 400) {
    return (
      <>
        <h1>{t('notFound')}</h1>
        <Link href="/">{t('back')}</Link>
      </>
    );
  }
  return <Loaded state={state}>{(r) => (r ? <ReportView report={updated && updated.id === r.id ? updated : r} onUpdated={setUpdated} /> : <Loading />)}</Loaded>;
}

function ReportView({ report: r, onUpdated }: { report: ReporterReport; onUpdated: (r: ReporterReport) => void }) {
  const t = useT(s);
  const tc = useT(citizen);
  const lang = useLang();
  const kind = useNames(kindNames);
  const deadlineText = useDeadlineText();
  const wf = useWorkflows();
  const open = r.deadlines.filter((d) => d.stoppedAt === null);
  const evidence = r.media.filter((m) => m.role === 'evidence');
  const rejectEvent = [...r.timeline].reverse().find((e) => e.action === 'reject');
  const place = r.place;

  return (
    <article className="report-detail">
      <h1>{r.title}</h1>
      <p className="row">
        <span className="code">{r.code}</span>
        <StateBadge state={r.state} label={r.stateLabel} />
        {r.confidential && <span className="badge">{tc('confidential')}</span>}
      </p>
      {open.map((d) => (
        <p key={d.stage} className={d.overdue ? 'deadline overdue' : 'deadline'}>
          <strong>{deadlineText(d.stage, formatDateTime(d.due))}</strong> {d.overdue && <span>{t('overdue')}</span>}
        </p>
      ))}

      {r.state === 'rejected' && (
        <section className="card rejected" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t('rejectedTitle')}</h2>
          {r.rejectReason && (
            <p>
              <strong>{t('reason')}</strong> {wf?.rejectReasons[r.rejectReason] ?? r.rejectReason}
            </p>
          )}
          {typeof rejectEvent?.said.explanation === 'string' && (
            <p>
              <strong>{t('explanation')}</strong> {rejectEvent.said.explanation}
            </p>
          )}
          <p className="hint">{t('rejectedNext')}</p>
          <Link href="/reports/new">{t('newReport')}</Link>
        </section>
      )}

      {r.result && (
        <section className="card result" aria-labelledby="result-title">
          <h2 id="result-title">{t('resultTitle')}</h2>
          <p className="small muted">{t('publishedAt', { time: formatDateTime(r.result.publishedAt) })}</p>
          {r.result.decision && (
            <p>
              <strong>{t('decision')}</strong> {serverName(decisionNames, lang, r.result.decision, wf?.initiativeDecisions[r.result.decision])}
            </p>
          )}
          {r.result.text && <p className="prewrap">{r.result.text}</p>}
          <ResultProofs proofs={r.result.proofs} heading={t('proofs')} photoAlt={(n) => t('resultPhoto', { n })} />
          {r.rating && (
            <p>
              <strong>{t('yourRating', { rating: nameOf(ratingNames, lang, r.rating) })}</strong>
              {r.ratingComment ? ` — ${r.ratingComment}` : ''}
            </p>
          )}
        </section>
      )}

      <Actions report={r} onUpdated={onUpdated} />

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t('facts')}</h2>
        <dl className="facts">
          <dt>{t('code')}</dt>
          <dd>{r.code}</dd>
          <dt>{t('state')}</dt>
          <dd>{r.stateLabel}</dd>
          <dt>{t('kind')}</dt>
          <dd>{kind(r.kind)}</dd>
          <dt>{t('category')}</dt>
          <dd>{r.category.name}</dd>
          {r.commune && (
            <>
              <dt>{t('commune')}</dt>
              <dd>{r.commune}</dd>
            </>
          )}
          <dt>{t('submittedAt')}</dt>
          <dd>{formatDateTime(r.submittedAt)}</dd>
          {r.occurredAt && (
            <>
              <dt>{t('occurredAt')}</dt>
              <dd>{formatDateTime(r.occurredAt)}</dd>
            </>
          )}
          {place?.address && (
            <>
              <dt>{t('address')}</dt>
              <dd>{place.address}</dd>
            </>
          )}
          {r.handlingAgency && (
            <>
              <dt>{t('agency')}</dt>
              <dd>{r.handlingAgency}</dd>
            </>
          )}
          <dt>{t('confidential')}</dt>
          <dd>{r.confidential ? t('yes') : t('no')}</dd>
        </dl>
      </section>

      <section aria-labelledby="description-title">
        <h2 id="description-title">{t('description')}</h2>
        <p className="prewrap">{r.description}</p>
      </section>

      <section aria-labelledby="media-title">
        <h2 id="media-title">{t('media')}</h2>
        {evidence.length === 0 ? (
          <p className="muted small">{t('mediaNone')}</p>
        ) : (
          <Thumbs items={evidence} alt={(n) => t('photo', { n, code: r.code })} />
        )}
      </section>

      {place && (
        <section aria-labelledby="place-title">
          <h2 id="place-title">{t('place')}</h2>
          <LazyMap pin={place} focus={place} height={220} label={t('mapLabel')} />
        </section>
      )}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <ol className="timeline">
          {r.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <strong>{e.label}</strong>
              {e.stateLabel && <span className="muted small"> → {e.stateLabel}</span>}
              <div className="small muted">
                {formatDateTime(e.at)}
                {e.agency ? ` · ${e.agency}` : ''}
              </div>
              <SaidList said={e.said} />
            </li>
          ))}
        </ol>
      </section>

      <p className="row">
        <Link href={`~/reports/${r.code}`}>{t('publicPage')}</Link>
        <Link href="/">{t('back')}</Link>
      </p>
    </article>
  );
}

const CITIZEN_ACTIONS = ['provideInformation', 'requestClarification', 'rate'] as const;
type CitizenAction = (typeof CITIZEN_ACTIONS)[number];

function Actions({ report: r, onUpdated }: { report: ReporterReport; onUpdated: (r: ReporterReport) => void }) {
  const t = useT(s);
  const [status, setStatus] = useState('');
  const available = CITIZEN_ACTIONS.filter((a) => r.actions.includes(a));
  // The agency's last question, unless I answered it since.
  const lastAsked = [...r.timeline].reverse().find((e) => typeof e.said.question === 'string' || e.action === 'provideInformation');
  const question = lastAsked && lastAsked.action !== 'provideInformation' ? (lastAsked.said.question as string) : undefined;
  return (
    <>
      <p role="status" aria-live="polite" className={status ? 'notice' : 'visually-hidden'}>
        {status}
      </p>
      {available.length > 0 && (
        <section className="card actions" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('actionsTitle')}</h2>
          {available.includes('provideInformation') && (
            <ActionForm report={r} action="provideInformation" onDone={(x) => (onUpdated(x), setStatus(t('done_provideInformation')))}>
              {question && (
                <p className="warning-box">
                  <strong>{t('askedYou')}</strong> {question}
                </p>
              )}
            </ActionForm>
          )}
          {available.includes('requestClarification') && <ActionForm report={r} action="requestClarification" onDone={(x) => (onUpdated(x), setStatus(t('done_requestClarification')))} />}
          {available.includes('rate') && <RateForm report={r} onDone={(x) => (onUpdated(x), setStatus(t('done_rate')))} />}
        </section>
      )}
    </>
  );
}

async function act(r: ReporterReport, body: Record<string, unknown>): Promise<ReporterReport> {
  return api.post<ReporterReport>(`/api/v1/reports/${r.id}/actions`, { version: r.version, ...body });
}

function ActionForm({ report, action, onDone, children }: { report: ReporterReport; action: Exclude<CitizenAction, 'rate'>; onDone: (r: ReporterReport) => void; children?: ReactNode }) {
  const t = useT(s);
  const [text, setText] = useState('');
  const { busy, error, run } = useSubmit();
  const [local, setLocal] = useState('');
  const field = action === 'provideInformation' ? 'answer' : 'question';
  const max = action === 'provideInformation' ? 5000 : 2000;
  const id = `action-${action}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!text.trim()) {
      setLocal(t('needText'));
      return;
    }
    setLocal('');
    await run(async () => {
      const updated = await act(report, { action, [field]: text.trim() });
      setText('');
      onDone(updated);
    });
  }

  const msg = local || error?.fieldMessage(field);
  return (
    <form className="form action-form" onSubmit={(e) => void submit(e)} noValidate>
      {children}
      <ErrorBox error={error} />
      <label htmlFor={id}>{action === 'provideInformation' ? t('answer') : t('question')}</label>
      <textarea
        id={id}
        value={text}
        maxLength={max}
        rows={4}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
        aria-invalid={msg ? true : undefined}
        required
      />
      <p className="hint" id={`${id}-hint`}>
        {action === 'provideInformation' ? t('answerHint') : t('questionHint')} ({text.length}/{max})
      </p>
      {msg && <p className="field-error">{msg}</p>}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('sending') : action === 'provideInformation' ? t('sendAnswer') : t('sendQuestion')}
      </button>
    </form>
  );
}

function RateForm({ report, onDone }: { report: ReporterReport; onDone: (r: ReporterReport) => void }) {
  const t = useT(s);
  const ratingName = useNames(ratingNames);
  const [rating, setRating] = useState('');
  const [comment, setComment] = useState('');
  const { busy, error, run } = useSubmit();
  const [local, setLocal] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!rating) {
      setLocal(t('needRating'));
      return;
    }
    setLocal('');
    await run(async () => {
      onDone(await act(report, { action: 'rate', rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    });
  }

  const msg = local || error?.fieldMessage('rating');
  return (
    <form className="form action-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorBox error={error} />
      <fieldset>
        <legend>{t('rateLegend')}</legend>
        {RATINGS.map((code) => (
          <label key={code} className="choice">
            <input type="radio" name="rating" value={code} checked={rating === code} onChange={() => setRating(code)} />
            {ratingName(code)}
          </label>
        ))}
      </fieldset>
      {msg && <p className="field-error">{msg}</p>}
      <label htmlFor="rate-comment">{t('comment')}</label>
      <textarea id="rate-comment" value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('sending') : t('sendRating')}
      </button>
    </form>
  );
}
