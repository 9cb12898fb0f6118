/**
 * /app/reception/book?session=…: the booking form. The citizen chooses an open session, says who
 * comes (themself, an organisation's representative, a group's representatives), the matter, whether it was
 * handled elsewhere (with the earlier decision), and attaches photos of documents — each uploaded at once with
 * its progress. The form is sent with one Idempotency-Key, so a retry after a lost answer never books twice; the
 * server's refusals (full, closed, one open booking per matter) are shown beside the field they concern.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { RECEPTION_LIMITS as L } from '../../../../server/domain/reception/limits.ts';
import { api, ApiError } from '../../api/client.ts';
import { loadReceptionReference } from '../../api/reception.ts';
import type { Booking, Page as ApiPage, ReceptionSession } from '../../api/types.ts';
import { ErrorBox, Loaded, useAsync, useSubmit } from '../../components/async.tsx';
import { SelectField } from '../../components/fields.tsx';
import { formatTimeRange } from '../../format.ts';
import { applicantKindNames, codesOf, matterCategoryNames, serverName, useNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { MediaField, useMedia } from './media.tsx';
import { newId } from './outbox.ts';
import { CountedField } from './report-form.tsx';
import { SessionFacts } from './reception.tsx';
import { r } from './reception.strings.ts';
import { GatedPage, LIMITS, VerifyCall } from './shared.tsx';

type ApplicantKind = 'individual' | 'organisation' | 'group';
const APPLICANT_KINDS = codesOf(applicantKindNames);

export default function ReceptionBook() {
  const t = useT(r);
  return (
    <GatedPage title={t('formTitle')}>
      {(me) =>
        me.identityVerified ? (
          <>
            <p>
              <Link href="/reception">{t('back')}</Link>
            </p>
            <BookingForm />
          </>
        ) : (
          <VerifyCall />
        )
      }
    </GatedPage>
  );
}

interface Person {
  key: string;
  fullName: string;
  phone: string;
}

const person = (): Person => ({ key: newId(), fullName: '', phone: '' });

function BookingForm() {
  const t = useT(r);
  const lang = useLang();
  const applicantName = useNames(applicantKindNames);
  const search = useSearch();
  const [, navigate] = useLocation();
  const sessions = useAsync(() => api.get<ApiPage<ReceptionSession>>('/api/v1/reception/sessions', { limit: 100 }).then((p) => p.items.filter((s) => s.bookingOpen)), []);
  const reference = useAsync(loadReceptionReference, []);
  const [sessionId, setSessionId] = useState(() => new URLSearchParams(search).get('session') ?? '');
  const [kind, setKind] = useState<ApplicantKind>('individual');
  const [orgName, setOrgName] = useState('');
  const [orgPosition, setOrgPosition] = useState('');
  const [people, setPeople] = useState<Person[]>(() => [person()]);
  const [category, setCategory] = useState('');
  const [summary, setSummary] = useState('');
  const [handled, setHandled] = useState(false);
  const [earlier, setEarlier] = useState({ agency: '', number: '', date: '', summary: '' });
  const media = useMedia([], useMemo(() => new Map<string, Blob>(), []));
  const { busy, error, setError, run } = useSubmit();
  // One key for this booking, whatever the number of tries.
  const key = useRef(newId());
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'center' });
  }, [error]);

  const fe = (field: string) => error?.fieldMessage(field);
  const agencyError = fe('earlierDecision.agency') ?? fe('earlierDecision');
  const categories = (reference.data?.categories ?? []).map((c) => ({ value: c.code, label: serverName(matterCategoryNames, lang, c.code, c.label) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!sessionId) {
      setError(new ApiError(400, 'CLIENT', t('chooseSessionFirst'), [{ field: 'sessionId', message: t('chooseSessionFirst') }]));
      return;
    }
    await run(async () => {
      const attachments = await media.ensureUploaded();
      const representatives = kind === 'individual' ? [] : people.map((p) => ({ fullName: p.fullName.trim(), phone: p.phone.replace(/[^0-9+ ]/g, '').trim() || null }));
      const booking = await api.post<Booking>(
        '/api/v1/me/reception/bookings',
        {
          sessionId,
          applicant: { kind, organisation: kind === 'organisation' ? { name: orgName.trim(), position: orgPosition.trim() } : null, representatives },
          summary,
          category,
          handledElsewhere: handled,
          // Without the agency there is no earlier decision to speak of: the server then says what is missing.
          earlierDecision:
            handled && earlier.agency.trim()
              ? { agency: earlier.agency.trim(), number: earlier.number.trim() || null, date: earlier.date || null, summary: earlier.summary.trim() || null }
              : null,
          attachments,
        },
        { 'idempotency-key': key.current },
      );
      navigate(`/reception/bookings/${booking.id}?sent=1`);
    });
  };

  return (
    <form className="form reception-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy}>
      <div ref={errorRef}>
        <ErrorBox error={error} />
      </div>
      <fieldset aria-describedby={fe('sessionId') ? 'session-err' : undefined}>
        <legend>{t('chooseSession')}</legend>
        <Loaded state={sessions}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('noOpenSession')}</p>
            ) : (
              list.map((s) => (
                <label key={s.id} className="choice session-choice">
                  <input type="radio" name="session" value={s.id} checked={sessionId === s.id} onChange={() => setSessionId(s.id)} />
                  <span>
                    <strong>{formatTimeRange(s.startsAt, s.endsAt)}</strong> — {t('seats', { left: s.seatsLeft, capacity: s.capacity })}
                    <SessionFacts s={s} />
                  </span>
                </label>
              ))
            )
          }
        </Loaded>
        {fe('sessionId') && (
          <p className="field-error" id="session-err">
            {fe('sessionId')}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('who')}</legend>
        {APPLICANT_KINDS.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="applicant" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>{applicantName(k)}</span>
          </label>
        ))}
      </fieldset>

      {kind === 'organisation' && (
        <>
          <label htmlFor="org-name">{t('orgName')}</label>
          <input id="org-name" value={orgName} onChange={(e) => setOrgName(e.target.value)} maxLength={300} required aria-invalid={fe('applicant.organisation') ? true : undefined} />
          <label htmlFor="org-position">{t('orgPosition')}</label>
          <input id="org-position" value={orgPosition} onChange={(e) => setOrgPosition(e.target.value)} maxLength={200} />
          {fe('applicant.organisation') && <p className="field-error">{fe('applicant.organisation')}</p>}
        </>
      )}

      {kind !== 'individual' && (
        <fieldset aria-describedby="reps-hint">
          <legend>{t('representatives')}</legend>
          <p className="hint" id="reps-hint">
            {t('representativesHint', { max: L.representativesMax })}
          </p>
          {people.map((p, i) => (
            <div key={p.key} className="representative">
              <label htmlFor={`rep-name-${i}`}>{t('repName', { n: i + 1 })}</label>
              <input
                id={`rep-name-${i}`}
                value={p.fullName}
                maxLength={200}
                required
                aria-invalid={fe(`applicant.representatives.${i}.fullName`) ? true : undefined}
                onChange={(e) => setPeople((list) => list.map((x) => (x.key === p.key ? { ...x, fullName: e.target.value } : x)))}
              />
              {fe(`applicant.representatives.${i}.fullName`) && <p className="field-error">{fe(`applicant.representatives.${i}.fullName`)}</p>}
              <label htmlFor={`rep-phone-${i}`}>{t('repPhone', { n: i + 1 })}</label>
              <input
                id={`rep-phone-${i}`}
                type="tel"
                inputMode="tel"
                value={p.phone}
                maxLength={15}
                aria-invalid={fe(`applicant.representatives.${i}.phone`) ? true : undefined}
                onChange={(e) => setPeople((list) => list.map((x) => (x.key === p.key ? { ...x, phone: e.target.value } : x)))}
              />
              {fe(`applicant.representatives.${i}.phone`) && <p className="field-error">{fe(`applicant.representatives.${i}.phone`)}</p>}
              {people.length > 1 && (
                <button type="button" className="button secondary small" onClick={() => setPeople((list) => list.filter((x) => x.key !== p.key))}>
                  {t('repRemove', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {people.length < L.representativesMax && (
            <button type="button" className="button secondary small" onClick={() => setPeople((list) => [...list, person()])}>
              {t('repAdd')}
            </button>
          )}
          {fe('applicant.representatives') && <p className="field-error">{fe('applicant.representatives')}</p>}
        </fieldset>
      )}

      <SelectField
        id="matter-category"
        label={t('category')}
        value={category}
        onChange={setCategory}
        options={categories}
        placeholder={t('categoryChoose')}
        required
        error={fe('category')}
      />

      <CountedField
        id="matter-summary"
        label={t('summary')}
        value={summary}
        onChange={setSummary}
        hint={t('summaryHint', { min: L.summaryMin, max: L.summaryMax })}
        min={L.summaryMin}
        max={L.summaryMax}
        error={fe('summary')}
        rows={7}
      />

      <fieldset>
        <legend>{t('handled')}</legend>
        <label className="choice">
          <input type="radio" name="handled" checked={!handled} onChange={() => setHandled(false)} />
          <span>{t('handledNo')}</span>
        </label>
        <label className="choice">
          <input type="radio" name="handled" checked={handled} onChange={() => setHandled(true)} />
          <span>{t('handledYes')}</span>
        </label>
        {handled && (
          <div className="earlier-decision">
            <label htmlFor="earlier-agency">{t('earlierAgency')}</label>
            <input
              id="earlier-agency"
              value={earlier.agency}
              maxLength={300}
              required
              aria-invalid={agencyError ? true : undefined}
              onChange={(e) => setEarlier({ ...earlier, agency: e.target.value })}
            />
            {agencyError && <p className="field-error">{agencyError}</p>}
            <label htmlFor="earlier-number">{t('earlierNumber')}</label>
            <input id="earlier-number" value={earlier.number} maxLength={100} onChange={(e) => setEarlier({ ...earlier, number: e.target.value })} />
            <label htmlFor="earlier-date">{t('earlierDate')}</label>
            <input id="earlier-date" type="date" value={earlier.date} aria-invalid={fe('earlierDecision.date') ? true : undefined} onChange={(e) => setEarlier({ ...earlier, date: e.target.value })} />
            {fe('earlierDecision.date') && <p className="field-error">{fe('earlierDecision.date')}</p>}
            <label htmlFor="earlier-summary">{t('earlierSummary')}</label>
            <textarea id="earlier-summary" rows={3} value={earlier.summary} maxLength={2000} onChange={(e) => setEarlier({ ...earlier, summary: e.target.value })} />
          </div>
        )}
      </fieldset>

      <MediaField media={media} error={fe('attachments')} legend={t('docs')} hint={t('docsHint', { max: Math.min(L.attachmentsMax, LIMITS.maxFiles) })} />

      <button type="submit" className="button submit" disabled={busy}>
        {busy ? t('sending') : t('submit')}
      </button>
    </form>
  );
}
