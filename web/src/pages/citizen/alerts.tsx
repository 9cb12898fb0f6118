/**
 * /app/alerts: the announcements and warnings sent to where I live, warnings set apart from
 * information, unread in bold; and the news about my reports and the reports I follow. `#<code>` in the
 * address (a push notification's link) scrolls to that alert and marks it read.
 */
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { api, type ApiError } from '../../api/client.ts';
import type { Notification, ResidentAlert } from '../../api/types.ts';
import { ErrorBox, Loaded, toApiError, useAsync } from '../../components/async.tsx';
import { Thumbs } from '../../components/thumbs.tsx';
import { formatDateTime } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { PushToggle } from './push.tsx';
import { GatedPage, Pager, SaidList } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Thông báo',
    jumpAlerts: 'Thông báo, cảnh báo của chính quyền',
    jumpNews: 'Tin về phản ánh của bạn',
    alertsTitle: 'Thông báo, cảnh báo của chính quyền',
    alertsIntro: 'Thông báo của Thành phố và của xã, phường nơi bạn cư trú.',
    unreadCount: '{n} chưa đọc',
    residenceMissing: 'Bạn chưa khai báo nơi cư trú nên chỉ nhận được thông báo chung của Thành phố.',
    setResidence: 'Khai báo nơi cư trú',
    noAlerts: 'Chưa có thông báo nào.',
    warning: 'Cảnh báo',
    information: 'Thông tin',
    unread: 'Chưa đọc',
    cancelled: 'Đã hủy',
    expired: 'Hết hiệu lực',
    level_city: 'Thành phố',
    level_district: 'Quận, huyện',
    level_commune: 'Xã, phường',
    from: '{issuer} ({level})',
    sentAt: 'Gửi lúc {time}',
    validUntil: 'Hiệu lực đến {time}',
    severity: 'Mức độ: {value}',
    urgency: 'Khẩn cấp: {value}',
    sev_Extreme: 'Đặc biệt nghiêm trọng',
    sev_Severe: 'Nghiêm trọng',
    sev_Moderate: 'Trung bình',
    sev_Minor: 'Nhẹ',
    sev_Unknown: 'Chưa rõ',
    urg_Immediate: 'Ngay lập tức',
    urg_Expected: 'Sắp xảy ra',
    urg_Future: 'Trong thời gian tới',
    urg_Past: 'Đã qua',
    urg_Unknown: 'Chưa rõ',
    attachment: 'Ảnh đính kèm {n} của “{title}”',
    markRead: 'Đánh dấu đã đọc: {title}',
    markAllRead: 'Đánh dấu tất cả đã đọc',
    markedAll: 'Đã đánh dấu tất cả là đã đọc.',
    marked: 'Đã đánh dấu đã đọc.',
    newsTitle: 'Tin về phản ánh của bạn',
    noNews: 'Chưa có tin nào về phản ánh của bạn.',
    following: 'Phản ánh bạn theo dõi',
    openReport: 'Xem phản ánh {code}',
    openBooking: 'Xem lịch hẹn {code}',
  },
  {
    title: 'Notifications',
    jumpAlerts: 'Announcements and warnings',
    jumpNews: 'News of your reports',
    alertsTitle: 'Announcements and warnings from the authorities',
    alertsIntro: 'From the City and from the commune or ward where you live.',
    unreadCount: '{n} unread',
    residenceMissing: 'You have not set your place of residence, so you only receive the City’s general announcements.',
    setResidence: 'Set my place of residence',
    noAlerts: 'No announcement yet.',
    warning: 'Warning',
    information: 'Information',
    unread: 'Unread',
    cancelled: 'Cancelled',
    expired: 'Expired',
    level_city: 'City',
    level_district: 'District',
    level_commune: 'Commune/ward',
    from: '{issuer} ({level})',
    sentAt: 'Sent at {time}',
    validUntil: 'Valid until {time}',
    severity: 'Severity: {value}',
    urgency: 'Urgency: {value}',
    sev_Extreme: 'Extreme',
    sev_Severe: 'Severe',
    sev_Moderate: 'Moderate',
    sev_Minor: 'Minor',
    sev_Unknown: 'Unknown',
    urg_Immediate: 'Immediate',
    urg_Expected: 'Expected soon',
    urg_Future: 'In the coming days',
    urg_Past: 'Past',
    urg_Unknown: 'Unknown',
    attachment: 'Attachment {n} of “{title}”',
    markRead: 'Mark as read: {title}',
    markAllRead: 'Mark all as read',
    markedAll: 'All marked as read.',
    marked: 'Marked as read.',
    newsTitle: 'News of your reports',
    noNews: 'No news about your reports yet.',
    following: 'A report you follow',
    openReport: 'Open report {code}',
    openBooking: 'Open booking {code}',
  },
);

type Key = keyof (typeof s)['vi'];
const known = (k: string): k is Key => k in s.vi;

const LIMIT = 20;

interface InboxPage<T> {
  total: number;
  unread: number;
  items: T[];
}

interface AlertInbox extends InboxPage<ResidentAlert> {
  residenceMissing: boolean;
}

/**
 * One inbox (GET `path`, paged; POST `{path}/read`): its title with the unread count, "mark all read", the items
 * (each marked read on its own), paging. `top` goes above the items; `onFirstLoad` sees the first page once.
 */
function InboxSection<T extends { id: string; read: boolean }, P extends InboxPage<T>>({
  path,
  titleId,
  title,
  intro,
  empty,
  listClass,
  top,
  item,
  onFirstLoad,
}: {
  path: string;
  titleId: string;
  title: string;
  intro?: string;
  empty: string;
  listClass: string;
  top?: (page: P) => ReactNode;
  item: (item: T, read: boolean, onRead: () => void) => ReactNode;
  onFirstLoad?: (page: P, markRead: (id: string) => void) => void;
}) {
  const t = useT(s);
  const [offset, setOffset] = useState(0);
  const inbox = useAsync(() => api.get<P>(path, { limit: LIMIT, offset }), [offset]);
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [unread, setUnread] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [seen, setSeen] = useState(false);

  const markRead = async (body: { ids: string[] } | { upTo: string }, all: boolean) => {
    setError(null);
    try {
      const r = await api.post<{ unread: number }>(`${path}/read`, body);
      setUnread(r.unread);
      if (all) inbox.reload();
      else if ('ids' in body) setReadIds((x) => new Set([...x, ...body.ids]));
      setStatus(all ? t('markedAll') : t('marked'));
    } catch (err) {
      setError(toApiError(err));
    }
  };

  useEffect(() => {
    if (seen || !inbox.data) return;
    setSeen(true);
    onFirstLoad?.(inbox.data, (id) => void markRead({ ids: [id] }, false));
  }, [inbox.data, seen]);

  const count = unread ?? inbox.data?.unread ?? 0;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>
        {title} {count > 0 && <span className="count-badge">{t('unreadCount', { n: count })}</span>}
      </h2>
      {intro && <p className="hint">{intro}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      <ErrorBox error={error} />
      <Loaded state={inbox}>
        {(data) => (
          <>
            {top?.(data)}
            {count > 0 && offset === 0 && data.items[0] && (
              <button type="button" className="button secondary small" onClick={() => void markRead({ upTo: data.items[0]!.id }, true)}>
                {t('markAllRead')}
              </button>
            )}
            {data.items.length === 0 ? (
              <p className="muted">{empty}</p>
            ) : (
              <ul className={listClass}>
                {data.items.map((it) => (
                  <Fragment key={it.id}>{item(it, it.read || readIds.has(it.id), () => void markRead({ ids: [it.id] }, false))}</Fragment>
                ))}
              </ul>
            )}
            <Pager total={data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
          </>
        )}
      </Loaded>
    </section>
  );
}

export default function Alerts() {
  const t = useT(s);
  return (
    <GatedPage title={t('title')}>
      {() => (
        <>
          <nav className="row small" aria-label={t('title')}>
            <a href="#alerts-title">{t('jumpAlerts')}</a>
            <a href="#news-title">{t('jumpNews')}</a>
          </nav>
          <PushToggle />
          <AlertsSection />
          <NewsSection />
        </>
      )}
    </GatedPage>
  );
}

function AlertsSection() {
  const t = useT(s);
  return (
    <InboxSection<ResidentAlert, AlertInbox>
      path="/api/v1/me/alerts"
      titleId="alerts-title"
      title={t('alertsTitle')}
      intro={t('alertsIntro')}
      empty={t('noAlerts')}
      listClass="list alert-list"
      top={(data) =>
        data.residenceMissing && (
          <p className="warning-box">
            {t('residenceMissing')} <Link href="/profile">{t('setResidence')}</Link>
          </p>
        )
      }
      item={(a, read, onRead) => <AlertItem alert={a} read={read} onRead={onRead} />}
      onFirstLoad={(data, markRead) => {
        // Arriving at #<code>: show that alert, and it counts as read.
        const code = decodeURIComponent(window.location.hash.slice(1));
        if (!code) return;
        const el = document.getElementById(code);
        if (!el) return;
        el.scrollIntoView({ block: 'start' });
        el.focus();
        const alert = data.items.find((a) => a.code === code);
        if (alert && !alert.read) markRead(alert.id);
      }}
    />
  );
}

function AlertItem({ alert: a, read, onRead }: { alert: ResidentAlert; read: boolean; onRead: () => void }) {
  const t = useT(s);
  const warning = a.kind === 'warning';
  const levelKey = `level_${a.issuer.level}`;
  const sevKey = `sev_${a.severity}`;
  const urgKey = `urg_${a.urgency}`;
  return (
    <li id={a.code} tabIndex={-1} className={`alert-item ${warning ? 'warning' : 'information'}${read ? '' : ' unread'}${a.cancelled || a.expired ? ' inactive' : ''}`}>
      <div className="row">
        <span className={`badge ${warning ? 'late' : 'info'}`}>{warning ? t('warning') : t('information')}</span>
        {!read && <span className="badge warn">{t('unread')}</span>}
        {a.cancelled && <span className="badge">{t('cancelled')}</span>}
        {!a.cancelled && a.expired && <span className="badge">{t('expired')}</span>}
      </div>
      <h3 className="alert-title">{a.title}</h3>
      <p className="small muted">
        {t('from', { issuer: a.issuer.name, level: known(levelKey) ? t(levelKey) : a.issuer.level })} · {t('sentAt', { time: formatDateTime(a.sentAt) })} ·{' '}
        {t('validUntil', { time: formatDateTime(a.expiresAt) })}
      </p>
      {warning && (
        <p className="small">
          {t('severity', { value: known(sevKey) ? t(sevKey) : a.severity })} · {t('urgency', { value: known(urgKey) ? t(urgKey) : a.urgency })}
        </p>
      )}
      <p className="prewrap">{a.body}</p>
      {a.links.length > 0 && (
        <ul className="small">
          {a.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} target="_blank" rel="noopener noreferrer">
                {l.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {a.attachments.length > 0 && (
        <Thumbs items={a.attachments} alt={(n) => t('attachment', { n, title: a.title })} />
      )}
      {!read && (
        <button type="button" className="link-button small" onClick={onRead}>
          {t('markRead', { title: a.title })}
        </button>
      )}
    </li>
  );
}

function NewsSection() {
  const t = useT(s);
  return (
    <InboxSection<Notification, InboxPage<Notification>>
      path="/api/v1/me/notifications"
      titleId="news-title"
      title={t('newsTitle')}
      empty={t('noNews')}
      listClass="list news-list"
      item={(n, read, onRead) => <NewsItem n={n} read={read} onRead={onRead} />}
    />
  );
}

/** News of my report or of one I follow. */
function NewsItem({ n, read, onRead }: { n: Notification; read: boolean; onRead: () => void }) {
  const t = useT(s);
  return (
    <li className={read ? 'news-item' : 'news-item unread'}>
      <div className="spread">
        <span className="news-title">{n.title}</span>
        {!read && <span className="badge warn">{t('unread')}</span>}
      </div>
      <p className="small muted">
        {formatDateTime(n.at)}
        {n.following && (
          <>
            {' '}
            · <span className="badge info">{t('following')}</span>
          </>
        )}
      </p>
      <SaidList said={n.said} />
      <div className="row">
        {n.reportCode && (
          <Link href={n.reportId ? `/reports/${n.reportId}?code=${encodeURIComponent(n.reportCode)}` : `~/reports/${n.reportCode}`} onClick={() => !read && onRead()}>
            {t('openReport', { code: n.reportCode })}
          </Link>
        )}
        {n.bookingId && n.bookingCode && (
          <Link href={`/reception/bookings/${n.bookingId}`} onClick={() => !read && onRead()}>
            {t('openBooking', { code: n.bookingCode })}
          </Link>
        )}
        {!read && (
          <button type="button" className="link-button small" onClick={onRead}>
            {t('markRead', { title: n.title })}
          </button>
        )}
      </div>
    </li>
  );
}
