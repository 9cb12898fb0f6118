/**
 * Before sending (R-6.2c): "someone may already have reported this" — same category, nearby, recent, still
 * being handled — with a way to follow that report instead of sending a duplicate; and the notes the server has
 * about the wording (complaints belong to another channel, advertising, abusive words).
 */
import { useEffect, useState } from 'react';
import { api, type ApiError } from '../../api/client.ts';
import type { PublicSummary } from '../../api/types.ts';
import { toApiError } from '../../components/async.tsx';
import { formatDate } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { H, StateBadge, useDebounced } from './shared.tsx';
import { citizen } from './strings.ts';

const s = defineStrings(
  {
    title: 'Có thể đã có người phản ánh việc này',
    intro: 'Các phản ánh cùng lĩnh vực, gần vị trí bạn chọn, đang được xử lý. Nếu đúng là việc bạn gặp, hãy theo dõi phản ánh đó thay vì gửi trùng: bạn sẽ nhận thông báo khi có kết quả.',
    follow: 'Theo dõi phản ánh này',
    following: 'Đang theo dõi',
    followed: 'Bạn đang theo dõi phản ánh {code}. Bạn sẽ nhận thông báo khi có tiến triển.',
    followers: '{n} người theo dõi',
    open: 'Xem phản ánh {code}',
    warningsTitle: 'Lưu ý về nội dung',
  },
  {
    title: 'Someone may already have reported this',
    intro: 'Reports of the same field, near the place you chose, still being handled. If one is what you saw, follow it instead of sending a duplicate: you will be told when it has a result.',
    follow: 'Follow this report',
    following: 'Following',
    followed: 'You are following report {code}. You will be told when it moves on.',
    followers: '{n} following',
    open: 'Open report {code}',
    warningsTitle: 'About your wording',
  },
);

type Suggestion = PublicSummary & { meters: number; followers: number };
interface Similar {
  items: Suggestion[];
  warnings: { check: string; label: string; message: string }[];
}

export function SimilarReports({
  kind,
  categoryCode,
  place,
  title,
  description,
}: {
  kind: string;
  categoryCode: string;
  place: { lat: number; lng: number } | null;
  title: string;
  description: string;
}) {
  const t = useT(s);
  const tc = useT(citizen);
  const debouncedTitle = useDebounced(title, 900);
  const debouncedDescription = useDebounced(description, 900);
  const [found, setFound] = useState<Similar | null>(null);
  const [followed, setFollowed] = useState<Record<string, number>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  const lat = place?.lat;
  const lng = place?.lng;
  useEffect(() => {
    if (!kind || !categoryCode || lat === undefined || lng === undefined || !navigator.onLine) {
      setFound(null);
      return;
    }
    let alive = true;
    const body = {
      kind,
      categoryCode,
      place: { lat, lng },
      ...(debouncedTitle.trim() ? { title: debouncedTitle } : {}),
      ...(debouncedDescription.trim() ? { description: debouncedDescription } : {}),
    };
    api.post<Similar>('/api/v1/reports/similar', body).then(
      (r) => alive && setFound(r),
      () => alive && setFound(null),
    );
    return () => {
      alive = false;
    };
  }, [kind, categoryCode, lat, lng, debouncedTitle, debouncedDescription]);

  const follow = (code: string) => {
    setError(null);
    api.post<{ following: boolean; followers: number }>(`/api/v1/public/reports/${encodeURIComponent(code)}/follow`).then(
      (r) => {
        setFollowed((f) => ({ ...f, [code]: r.followers }));
        setStatus(t('followed', { code }));
      },
      (err: unknown) => setError(toApiError(err)),
    );
  };

  if (!found || (found.items.length === 0 && found.warnings.length === 0)) return null;
  return (
    <section className="similar" aria-labelledby="similar-title">
      {found.warnings.length > 0 && (
        <div className="warning-box">
          <H className="box-title">{t('warningsTitle')}</H>
          <ul>
            {found.warnings.map((w) => (
              <li key={w.check}>
                <strong>{w.label}:</strong> {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {found.items.length > 0 && (
        <div className="card similar-list">
          <H id="similar-title">{t('title')}</H>
          <p className="hint">{t('intro')}</p>
          {error && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
          <p className="visually-hidden" role="status" aria-live="polite">
            {status}
          </p>
          <ul className="list">
            {found.items.map((r) => (
              <li key={r.code}>
                <div className="spread">
                  <strong>{r.title}</strong>
                  <StateBadge state={r.state} label={r.stateLabel} />
                </div>
                <p className="small muted">
                  {r.code} · {r.category.name} · {tc('meters', { m: Math.round(r.meters) })} · {formatDate(r.submittedAt)} · {t('followers', { n: followed[r.code] ?? r.followers })}
                </p>
                <div className="row">
                  {/* A new tab: the form stays as it is. */}
                  <a href={`/reports/${encodeURIComponent(r.code)}`} target="_blank" rel="noopener">
                    {t('open', { code: r.code })}
                  </a>
                  {followed[r.code] !== undefined ? (
                    <span className="badge ok">{t('following')}</span>
                  ) : (
                    <button type="button" className="button secondary small" onClick={() => follow(r.code)}>
                      {t('follow')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
