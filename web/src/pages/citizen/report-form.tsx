/**
 * The report form, shared by reports and initiatives: kind, category, photos and videos, the place on a
 * map, the time, title and description with counters, confidentiality, suggestions of reports that
 * may already exist, and sending with an Idempotency-Key made once per draft. Everything typed is kept on the
 * device as a draft; without a connection the report goes to the outbox and is sent when back online.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { get, set } from 'idb-keyval';
import { Link } from 'wouter';
import { ApiError, type FieldProblem } from '../../api/client.ts';
import { loadCategories, type Category } from '../../api/reference.ts';
import type { Me, ReporterReport } from '../../api/types.ts';
import { ErrorBox, Loading, toApiError, useAsync } from '../../components/async.tsx';
import { formatDateTime, hanoiInputToIso, hanoiNowInput } from '../../format.ts';
import { kindNames, useNames } from '../../i18n/labels.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { MediaField, useMedia } from './media.tsx';
import { clearDraft, isNetworkProblem, loadDraft, newId, postReport, queueReport, saveDraft, type DraftScope, type ReportBody, type ReportDraft } from './outbox.ts';
import { PlaceField } from './place.tsx';
import { H, LIMITS, useDeadlineText, VerifyCall, type Kind } from './shared.tsx';
import { SimilarReports } from './similar.tsx';
import { citizen } from './strings.ts';

const s = defineStrings(
  {
    restored: 'Đã mở lại bản nháp bạn soạn lúc {time} trên thiết bị này.',
    discardDraft: 'Xóa bản nháp và soạn mới',
    kindLegend: 'Loại phản ánh',
    category: 'Lĩnh vực',
    categoryChoose: '— Chọn lĩnh vực —',
    categoriesFailed: 'Không tải được danh sách lĩnh vực.',
    occurredAt: 'Thời điểm xảy ra',
    occurredAtOptional: 'Thời điểm xảy ra (không bắt buộc)',
    occurredHint: 'Giờ Hà Nội. Mặc định là bây giờ; sửa lại nếu sự việc xảy ra trước đó.',
    title: 'Tiêu đề',
    titleHint: 'Nói ngắn gọn việc gì, ở đâu. Từ {min} đến {max} ký tự.',
    titleInitiative: 'Tên sáng kiến',
    description: 'Nội dung phản ánh',
    descriptionInitiative: 'Nội dung sáng kiến',
    descriptionHint: 'Viết rõ ràng bằng tiếng Việt: sự việc là gì, từ khi nào, ảnh hưởng thế nào. Từ {min} đến {max} ký tự.',
    descriptionHintInitiative: 'Vấn đề cần giải quyết, giải pháp bạn đề xuất, lợi ích mong đợi. Từ {min} đến {max} ký tự.',
    counter: '{n}/{max} ký tự',
    counterShort: 'còn thiếu {n} ký tự',
    counterOver: 'vượt quá {n} ký tự',
    nearLimit: 'Còn {n} ký tự.',
    overLimit: 'Đã vượt giới hạn {max} ký tự.',
    confidentialLabel: 'Đề nghị bảo mật danh tính của tôi',
    whoSees: 'Ai thấy thông tin của bạn?',
    whoPublic: 'Trang công khai: nội dung, ảnh (đã xóa thông tin vị trí, thiết bị), tiến độ và kết quả — không bao giờ có tên bạn.',
    whoStaff: 'Cán bộ tiếp nhận, xử lý: thấy họ tên của bạn để liên hệ khi cần. Số CCCD, điện thoại, e-mail không hiện cho cán bộ; họ hỏi bạn qua iHanoi.',
    whoConfidential: 'Nếu chọn bảo mật: cả cán bộ tiếp nhận, xử lý cũng không thấy tên bạn. Câu hỏi của họ vẫn được chuyển đến bạn qua iHanoi.',
    submit: 'Gửi phản ánh',
    submitInitiative: 'Gửi sáng kiến',
    sending: 'Đang gửi…',
    draftNote: 'Bản nháp được lưu tự động trên thiết bị này, kể cả khi không có mạng.',
    fixErrors: 'Hãy sửa các mục được đánh dấu bên dưới.',
    needCategory: 'Hãy chọn lĩnh vực',
    needTitle: 'Tiêu đề cần từ {min} đến {max} ký tự',
    needDescription: 'Nội dung cần từ {min} đến {max} ký tự',
    needPlace: 'Phản ánh hiện trường cần vị trí cụ thể: hãy đặt ghim trên bản đồ',
    needTime: 'Phản ánh hiện trường cần thời điểm xảy ra',
    futureTime: 'Thời điểm xảy ra không thể ở tương lai',
    oldTime: 'Thời điểm xảy ra quá {days} ngày trước',
    addressTooLong: 'Địa chỉ tối đa {max} ký tự',
    fileFailed: 'Tệp “{name}” chưa tải lên được: {message} Hãy thử lại hoặc bỏ tệp đó.',
    doneTitle: 'Đã gửi thành công',
    doneCode: 'Mã phản ánh của bạn:',
    doneKeep: 'Hãy ghi lại mã này để tra cứu. Bạn sẽ nhận thông báo khi phản ánh được tiếp nhận và khi có kết quả.',
    openReport: 'Xem phản ánh {code}',
    myReports: 'Phản ánh của tôi',
    another: 'Gửi phản ánh khác',
    anotherInitiative: 'Gửi sáng kiến khác',
    queuedTitle: 'Đã lưu, sẽ gửi khi có mạng',
    queuedBody: 'Thiết bị đang không có mạng. Phản ánh và ảnh, video của bạn được giữ trên máy và sẽ tự động gửi khi có mạng trở lại (khi bạn mở iHanoi). Mã phản ánh sẽ hiện ở trang chính của bạn.',
    needVerify: 'Bạn cần xác thực định danh trước khi gửi. Bản nháp vẫn được giữ trên thiết bị.',
    offlineSignedOut: 'Bạn đang ngoại tuyến: hãy soạn phản ánh, nó sẽ được gửi khi có mạng và bạn đã đăng nhập.',
  },
  {
    restored: 'Reopened the draft you wrote at {time} on this device.',
    discardDraft: 'Delete the draft and start again',
    kindLegend: 'Kind of report',
    category: 'Field',
    categoryChoose: '— Choose a field —',
    categoriesFailed: 'Could not load the list of fields.',
    occurredAt: 'When it happened',
    occurredAtOptional: 'When it happened (optional)',
    occurredHint: 'Hanoi time. Defaults to now; change it if it happened earlier.',
    title: 'Title',
    titleHint: 'Say briefly what and where. {min} to {max} characters.',
    titleInitiative: 'Name of the initiative',
    description: 'Description',
    descriptionInitiative: 'Content of the initiative',
    descriptionHint: 'Write clearly in Vietnamese: what happened, since when, what it affects. {min} to {max} characters.',
    descriptionHintInitiative: 'The problem, the solution you propose, the expected benefits. {min} to {max} characters.',
    counter: '{n}/{max} characters',
    counterShort: '{n} more needed',
    counterOver: '{n} too many',
    nearLimit: '{n} characters left.',
    overLimit: 'Over the limit of {max} characters.',
    confidentialLabel: 'Keep my identity confidential',
    whoSees: 'Who sees your details?',
    whoPublic: 'The public page: the content, photos (location and device data removed), progress and result — never your name.',
    whoStaff: 'Receiving and handling officers: see your full name, to reach you when needed. Your CCCD, phone and e-mail are not shown to them; they ask you through iHanoi.',
    whoConfidential: 'If you ask for confidentiality: the officers do not see your name either. Their questions still reach you through iHanoi.',
    submit: 'Send report',
    submitInitiative: 'Send initiative',
    sending: 'Sending…',
    draftNote: 'The draft is saved on this device automatically, even offline.',
    fixErrors: 'Please correct the marked items below.',
    needCategory: 'Choose a field',
    needTitle: 'The title needs {min} to {max} characters',
    needDescription: 'The description needs {min} to {max} characters',
    needPlace: 'An on-site report needs the exact place: drop a pin on the map',
    needTime: 'An on-site report needs the time it happened',
    futureTime: 'The time cannot be in the future',
    oldTime: 'The time is more than {days} days ago',
    addressTooLong: 'The address has at most {max} characters',
    fileFailed: 'File “{name}” could not be uploaded: {message} Retry it or remove it.',
    doneTitle: 'Sent',
    doneCode: 'Your report code:',
    doneKeep: 'Keep this code to look the report up. You will be told when it is received and when it has a result.',
    openReport: 'Open report {code}',
    myReports: 'My reports',
    another: 'Send another report',
    anotherInitiative: 'Send another initiative',
    queuedTitle: 'Saved, will be sent when online',
    queuedBody: 'This device is offline. Your report with its photos and videos is kept on the device and will be sent automatically when the connection is back (when you open iHanoi). Its code will appear on your home page.',
    needVerify: 'Verify your identity before sending. The draft stays on this device.',
    offlineSignedOut: 'You are offline: write your report; it will be sent when you are online and signed in.',
  },
);

const CATEGORIES_KEY = 'ihanoi.citizen.categories';

/** The active categories, kept on the device for writing offline. */
async function loadKeptCategories(): Promise<Category[]> {
  try {
    const items = await loadCategories();
    void set(CATEGORIES_KEY, items).catch(() => undefined);
    return items;
  } catch (err) {
    const kept = await get<Category[]>(CATEGORIES_KEY).catch(() => undefined);
    if (kept) return kept;
    throw err;
  }
}

type Loaded = { draft: ReportDraft; blobs: Map<string, Blob>; restored: boolean };

function emptyDraft(scope: DraftScope, kind: Kind, userId: string | null): ReportDraft {
  return {
    scope,
    userId,
    key: newId(),
    kind,
    categoryCode: '',
    title: '',
    description: '',
    place: null,
    address: '',
    occurredAt: kind === 'field_report' ? hanoiNowInput() : '',
    confidential: false,
    files: [],
    updatedAt: new Date().toISOString(),
  };
}

export function ReportForm({ scope, kinds, me, onSent }: { scope: DraftScope; kinds: readonly Kind[]; me: Me | null; onSent?: (r: ReporterReport) => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [generation, setGeneration] = useState(0);
  const userId = me?.id ?? null;
  const firstKind = kinds[0] ?? 'field_report';

  useEffect(() => {
    let alive = true;
    loadDraft(scope)
      .catch(() => null)
      .then((found) => {
        if (!alive) return;
        // Somebody else's draft on a shared device is not shown.
        const usable = found && (!found.draft.userId || !userId || found.draft.userId === userId) && kinds.includes(found.draft.kind as Kind);
        setLoaded(usable ? { ...found, restored: true } : { draft: emptyDraft(scope, firstKind, userId), blobs: new Map(), restored: false });
      });
    return () => {
      alive = false;
    };
    // The draft is read once per form generation; the kinds are constant for a page.
  }, [scope, generation]);

  const restart = useCallback(() => {
    void clearDraft(scope)
      .catch(() => undefined)
      .then(() => {
        setLoaded(null);
        setGeneration((g) => g + 1);
      });
  }, [scope]);

  if (!loaded) return <Loading />;
  return <FormBody key={generation} loaded={loaded} kinds={kinds} me={me} onRestart={restart} onSent={onSent} />;
}

type Phase = { kind: 'editing' } | { kind: 'sending' } | { kind: 'done'; report: ReporterReport } | { kind: 'queued' };

function FormBody({ loaded, kinds, me, onRestart, onSent }: { loaded: Loaded; kinds: readonly Kind[]; me: Me | null; onRestart: () => void; onSent?: ((r: ReporterReport) => void) | undefined }) {
  const t = useT(s);
  const tc = useT(citizen);
  const kindName = useNames(kindNames);
  const deadlineText = useDeadlineText();
  const d = loaded.draft;
  const scope = d.scope;
  const initiative = scope === 'initiative';
  const [kind, setKind] = useState<string>(d.kind);
  const [categoryCode, setCategoryCode] = useState(d.categoryCode);
  const [title, setTitle] = useState(d.title);
  const [description, setDescription] = useState(d.description);
  const [place, setPlace] = useState(d.place);
  const [address, setAddress] = useState(d.address);
  const [occurredAt, setOccurredAt] = useState(d.occurredAt);
  const [confidential, setConfidential] = useState(d.confidential);
  const media = useMedia(d.files, loaded.blobs);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [error, setError] = useState<ApiError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const finished = useRef(false);
  const categories = useAsync(loadKeptCategories, []);

  const fieldReport = kind === 'field_report';
  const choices = useMemo(() => (categories.data ?? []).filter((c) => c.active && c.kinds.includes(kind)).sort((a, b) => a.sortOrder - b.sortOrder), [categories.data, kind]);
  const chosen = choices.find((c) => c.code === categoryCode);

  // A category of another kind does not stay chosen.
  useEffect(() => {
    if (categories.data && categoryCode && !choices.some((c) => c.code === categoryCode)) setCategoryCode('');
  }, [choices, categories.data, categoryCode]);

  // The draft follows every change, a moment after typing stops.
  const fileMeta = media.items.map((i) => ({ localId: i.localId, name: i.name, type: i.type, size: i.size, uploaded: i.uploaded }));
  const fileKey = JSON.stringify(fileMeta);
  useEffect(() => {
    if (finished.current) return;
    const empty = !title && !description && !place && !address && media.items.length === 0 && !categoryCode;
    const id = setTimeout(() => {
      if (finished.current || (empty && !loaded.restored)) return;
      void saveDraft({ ...d, userId: d.userId ?? me?.id ?? null, kind, categoryCode, title, description, place, address, occurredAt, confidential, files: JSON.parse(fileKey) as ReportDraft['files'] }).catch(() => undefined);
    }, 500);
    return () => clearTimeout(id);
  }, [kind, categoryCode, title, description, place, address, occurredAt, confidential, fileKey]);

  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'queued') doneRef.current?.focus();
  }, [phase.kind]);

  const showError = (e: ApiError) => {
    setError(e);
    requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: 'center' }));
  };

  function checkLocally(): FieldProblem[] {
    const p: FieldProblem[] = [];
    const L = LIMITS;
    if (!categoryCode) p.push({ field: 'categoryCode', message: t('needCategory') });
    const tl = title.trim().length;
    if (tl < L.titleMin || tl > L.titleMax) p.push({ field: 'title', message: t('needTitle', { min: L.titleMin, max: L.titleMax }) });
    const dl = description.trim().length;
    if (dl < L.descriptionMin || dl > L.descriptionMax) p.push({ field: 'description', message: t('needDescription', { min: L.descriptionMin, max: L.descriptionMax }) });
    if (fieldReport && !place) p.push({ field: 'place', message: t('needPlace') });
    if (address.length > L.addressMax) p.push({ field: 'place.address', message: t('addressTooLong', { max: L.addressMax }) });
    if (fieldReport && !occurredAt) p.push({ field: 'occurredAt', message: t('needTime') });
    if (occurredAt && !initiative) {
      const at = new Date(hanoiInputToIso(occurredAt)).getTime();
      if (at > Date.now() + 5 * 60_000) p.push({ field: 'occurredAt', message: t('futureTime') });
      else if (Date.now() - at > L.occurredMaxAgeDays * 86_400_000) p.push({ field: 'occurredAt', message: t('oldTime', { days: L.occurredMaxAgeDays }) });
    }
    for (const f of media.items) if (f.status === 'failed') p.push({ field: 'media', message: t('fileFailed', { name: f.name, message: f.error?.message ?? '' }) });
    return p;
  }

  function body(): ReportBody {
    const addr = address.trim();
    return {
      kind,
      categoryCode,
      title: title.trim(),
      description: description.trim(),
      ...(place ? { place: { lat: place.lat, lng: place.lng, ...(addr ? { address: addr } : {}) } } : {}),
      ...(occurredAt && !initiative ? { occurredAt: hanoiInputToIso(occurredAt) } : {}),
      confidential,
    };
  }

  async function queue(b: ReportBody) {
    finished.current = true;
    await queueReport({
      key: d.key,
      userId: me?.id ?? d.userId,
      body: b,
      files: media.items.map((i) => ({ localId: i.localId, name: i.name, type: i.type, uploadedId: i.uploaded?.id ?? null })),
    });
    await clearDraft(scope, { keepFiles: true }).catch(() => undefined);
    setPhase({ kind: 'queued' });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (phase.kind === 'sending') return;
    const problems = checkLocally();
    if (problems.length) {
      showError(new ApiError(400, 'CLIENT_VALIDATION', t('fixErrors'), problems));
      return;
    }
    setError(null);
    setPhase({ kind: 'sending' });
    const b = body();
    try {
      if (!navigator.onLine) return await queue(b);
      let ids: string[];
      try {
        ids = await media.ensureUploaded();
      } catch (err) {
        if (isNetworkProblem(err)) return await queue(b);
        const failed = media.items.find((i) => i.status === 'failed');
        const apiErr = toApiError(err);
        throw new ApiError(apiErr.status, apiErr.code, t('fileFailed', { name: failed?.name ?? '', message: apiErr.message }), [], apiErr.requestId);
      }
      const report = await postReport({ ...b, ...(ids.length ? { media: ids } : {}) }, d.key);
      finished.current = true;
      await clearDraft(scope).catch(() => undefined);
      setPhase({ kind: 'done', report });
      onSent?.(report);
    } catch (err) {
      if (isNetworkProblem(err)) {
        await queue(b).catch((e2: unknown) => {
          setPhase({ kind: 'editing' });
          showError(toApiError(e2));
        });
        return;
      }
      setPhase({ kind: 'editing' });
      showError(toApiError(err));
    }
  }

  if (phase.kind === 'done' || phase.kind === 'queued') {
    // Sent (with its code and deadlines), or kept on the device until the network is back.
    const r = phase.kind === 'done' ? phase.report : null;
    const titleId = r ? 'done-title' : 'queued-title';
    return (
      <section className="card confirmation" aria-labelledby={titleId}>
        <H id={titleId} ref={doneRef} tabIndex={-1}>
          {r ? t('doneTitle') : t('queuedTitle')}
        </H>
        {r ? (
          <>
            <p className="report-code-line" role="status">
              {t('doneCode')} <strong className="report-code">{r.code}</strong>
            </p>
            <p>{t('doneKeep')}</p>
            {r.deadlines
              .filter((x) => x.stoppedAt === null)
              .map((x) => (
                <p key={x.stage} className="small">
                  {deadlineText(x.stage, formatDateTime(x.due))}
                </p>
              ))}
          </>
        ) : (
          <p role="status">{t('queuedBody')}</p>
        )}
        <div className="row">
          {r && (
            <Link className="button" href={`/reports/${r.id}?code=${encodeURIComponent(r.code)}`}>
              {t('openReport', { code: r.code })}
            </Link>
          )}
          <Link className="button secondary" href="/">
            {t('myReports')}
          </Link>
          <button type="button" className="link-button" onClick={onRestart}>
            {initiative ? t('anotherInitiative') : t('another')}
          </button>
        </div>
      </section>
    );
  }

  const unverified = me !== null && !me.identityVerified;
  const fe = (field: string) => error?.fieldMessage(field);
  const descLen = description.trim().length;
  const descLive = descLen > LIMITS.descriptionMax ? t('overLimit', { max: LIMITS.descriptionMax }) : LIMITS.descriptionMax - descLen <= 200 ? t('nearLimit', { n: LIMITS.descriptionMax - descLen }) : '';
  const busy = phase.kind === 'sending';

  return (
    <form className="report-form form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      {unverified && <VerifyCall />}
      {!me && <p className="warning-box">{t('offlineSignedOut')}</p>}
      {loaded.restored && (
        <div className="notice spread">
          <span>{t('restored', { time: formatDateTime(d.updatedAt) })}</span>
          <button type="button" className="link-button" onClick={onRestart}>
            {t('discardDraft')}
          </button>
        </div>
      )}
      <div ref={errorRef}>
        <ErrorBox error={error} />
      </div>

      {kinds.length > 1 && (
        <fieldset className="kind-field">
          <legend>{t('kindLegend')}</legend>
          {kinds.map((k) => (
            <label key={k} className="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => {
                setKind(k);
                if (k === 'field_report' && !occurredAt) setOccurredAt(hanoiNowInput());
              }} />
              <span>
                {kindName(k)}
                <span className="hint block">{tc(`kindHint_${k}`)}</span>
              </span>
            </label>
          ))}
          {fe('kind') && <p className="field-error">{fe('kind')}</p>}
        </fieldset>
      )}

      <label htmlFor="report-category">{t('category')}</label>
      {categories.error && !categories.data ? (
        <ErrorBox error={new ApiError(categories.error.status, categories.error.code, `${t('categoriesFailed')} ${categories.error.message}`)} onRetry={categories.reload} />
      ) : null}
      <select
        id="report-category"
        value={categoryCode}
        onChange={(e) => setCategoryCode(e.target.value)}
        aria-invalid={fe('categoryCode') ? true : undefined}
        aria-describedby={chosen ? 'category-hint' : undefined}
        required
      >
        <option value="">{categories.loading && !categories.data ? '…' : t('categoryChoose')}</option>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {chosen?.description && (
        <p className="hint" id="category-hint">
          {chosen.description}
        </p>
      )}
      {fe('categoryCode') && <p className="field-error">{fe('categoryCode')}</p>}

      <MediaField media={media} error={fe('media')} />

      <PlaceField
        value={place}
        onChange={setPlace}
        address={address}
        onAddress={setAddress}
        required={fieldReport}
        error={fe('place')}
        addressError={fe('place.address')}
      />

      {!initiative && (
        <>
          <label htmlFor="report-occurred">{fieldReport ? t('occurredAt') : t('occurredAtOptional')}</label>
          <input
            id="report-occurred"
            type="datetime-local"
            value={occurredAt}
            max={hanoiNowInput()}
            onChange={(e) => setOccurredAt(e.target.value)}
            aria-describedby="occurred-hint"
            aria-invalid={fe('occurredAt') ? true : undefined}
            required={fieldReport}
          />
          <p className="hint" id="occurred-hint">
            {t('occurredHint')}
          </p>
          {fe('occurredAt') && <p className="field-error">{fe('occurredAt')}</p>}
        </>
      )}

      <CountedField
        id="report-title"
        label={initiative ? t('titleInitiative') : t('title')}
        value={title}
        onChange={setTitle}
        hint={t('titleHint', { min: LIMITS.titleMin, max: LIMITS.titleMax })}
        min={LIMITS.titleMin}
        max={LIMITS.titleMax}
        error={fe('title')}
      />

      <CountedField
        id="report-description"
        label={initiative ? t('descriptionInitiative') : t('description')}
        value={description}
        onChange={setDescription}
        hint={t(initiative ? 'descriptionHintInitiative' : 'descriptionHint', { min: LIMITS.descriptionMin, max: LIMITS.descriptionMax })}
        min={LIMITS.descriptionMin}
        max={LIMITS.descriptionMax}
        error={fe('description')}
        rows={7}
      />
      <p className="visually-hidden" aria-live="polite">
        {descLive}
      </p>

      <SimilarReports kind={kind} categoryCode={categoryCode} place={place} title={title} description={description} />

      <div className="confidential">
        <label className="choice" htmlFor="report-confidential">
          <input id="report-confidential" type="checkbox" checked={confidential} onChange={(e) => setConfidential(e.target.checked)} aria-describedby="who-sees" />
          <span>{t('confidentialLabel')}</span>
        </label>
        <div id="who-sees" className="who-sees">
          <p className="small">
            <strong>{t('whoSees')}</strong>
          </p>
          <ul className="small">
            <li>{t('whoPublic')}</li>
            <li className={confidential ? 'struck' : undefined}>{t('whoStaff')}</li>
            <li className={confidential ? 'chosen' : undefined}>{t('whoConfidential')}</li>
          </ul>
        </div>
      </div>

      {unverified ? (
        <p className="warning-box">
          {t('needVerify')} <Link href="/verify">{tc('verifyLink')}</Link>
        </p>
      ) : (
        <button type="submit" className="button submit" disabled={busy}>
          {busy ? t('sending') : initiative ? t('submitInitiative') : t('submit')}
        </button>
      )}
      <p className="hint">{t('draftNote')}</p>
    </form>
  );
}

/**
 * A text (an input, or a text area with `rows`) with its hint and a counter of characters between `min` and
 * `max` (`{id}-hint`, `{id}-count`), and the server's error below.
 */
export function CountedField({
  id,
  label,
  value,
  onChange,
  hint,
  min,
  max,
  error,
  rows,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint: string;
  min: number;
  max: number;
  error: string | undefined;
  rows?: number;
}) {
  const t = useT(s);
  const n = value.trim().length;
  const counter =
    n > max ? `${t('counter', { n, max })} — ${t('counterOver', { n: n - max })}` : n < min && n > 0 ? `${t('counter', { n, max })} — ${t('counterShort', { n: min - n })}` : t('counter', { n, max });
  const props = {
    id,
    value,
    'aria-describedby': `${id}-hint ${id}-count`,
    'aria-invalid': error ? true : undefined,
    required: true,
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {rows ? <textarea {...props} rows={rows} onChange={(e) => onChange(e.target.value)} /> : <input {...props} onChange={(e) => onChange(e.target.value)} />}
      <div className="spread">
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        <p className={`hint counter${n > max ? ' over' : ''}`} id={`${id}-count`}>
          {counter}
        </p>
      </div>
      {error && <p className="field-error">{error}</p>}
    </>
  );
}
