/** /app: what iHanoi is (signed out), or the citizen's own page: send a report, my reports, alerts, profile. */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../../api/client.ts';
import type { Me, Page as ApiPage, PublicSummary } from '../../api/types.ts';
import { Loaded, Loading, useAsync } from '../../components/async.tsx';
import { formatDate } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { subscribe } from './outbox.ts';
import { kindNames, useNames } from '../../i18n/labels.ts';
import { Gate, Page, Pager, SignInButtons, StateBadge, VerifyCall } from './shared.tsx';
import { citizen } from './strings.ts';

const s = defineStrings(
  {
    welcomeTitle: 'iHanoi — kênh phản ánh của người dân Thủ đô',
    welcome1: 'Bạn thấy đường hỏng, rác thải, lấn chiếm vỉa hè, hay một việc cần chính quyền giải quyết? Hãy chụp ảnh, đánh dấu vị trí và gửi phản ánh. Cơ quan có thẩm quyền tiếp nhận, xử lý trong thời hạn quy định và trả lời bạn ngay trên iHanoi.',
    welcome2: 'Bạn cũng nhận được thông báo, cảnh báo (mưa lớn, ngập úng, cắt nước…) của thành phố và xã, phường nơi bạn ở.',
    welcome3: 'Để gửi phản ánh, bạn cần một tài khoản đã xác thực định danh (số CCCD).',
    browse: 'Xem các phản ánh công khai',
    hello: 'Xin chào, {name}',
    newReport: 'Gửi phản ánh',
    initiatives: 'Sáng kiến',
    reception: 'Đăng ký tiếp công dân',
    alerts: 'Thông báo',
    unread: '{n} chưa đọc',
    profile: 'Hồ sơ của tôi',
    myReports: 'Phản ánh của tôi',
    none: 'Bạn chưa gửi phản ánh nào.',
    submitted: 'Gửi ngày {date}',
    residenceMissing: 'Bạn chưa khai báo nơi cư trú nên chưa nhận được cảnh báo của địa phương.',
    setResidence: 'Khai báo nơi cư trú',
    total: '{n} phản ánh',
    offlineDraft: 'Bạn đang ngoại tuyến. Bạn vẫn có thể soạn phản ánh trên thiết bị; phản ánh sẽ được gửi khi có mạng.',
  },
  {
    welcomeTitle: 'iHanoi — the residents’ channel of the Capital',
    welcome1: 'See a broken road, rubbish, a blocked pavement, or something the authorities should fix? Take a photo, mark the place and send a report. The competent agency receives and handles it within the set time and answers you in iHanoi.',
    welcome2: 'You also receive the announcements and warnings (heavy rain, flooding, water cuts…) of the city and of the commune where you live.',
    welcome3: 'To send reports you need an account with a verified identity (CCCD number).',
    browse: 'See public reports',
    hello: 'Hello, {name}',
    newReport: 'Send a report',
    initiatives: 'Initiatives',
    reception: 'Book a citizen reception',
    alerts: 'Notifications',
    unread: '{n} unread',
    profile: 'My profile',
    myReports: 'My reports',
    none: 'You have not sent any report yet.',
    submitted: 'Sent on {date}',
    residenceMissing: 'You have not told us where you live, so you do not receive local warnings yet.',
    setResidence: 'Set my place of residence',
    total: '{n} report(s)',
    offlineDraft: 'You are offline. You can still write a report on this device; it will be sent when you are back online.',
  },
);

export type MyReport = PublicSummary & { id: string; confidential: boolean };

const LIMIT = 10;

export default function Home() {
  const { me, loading } = useSession();
  return <Page>{loading ? <Loading /> : me ? <Gate>{(m) => <Dashboard me={m} />}</Gate> : <Welcome />}</Page>;
}

function Welcome() {
  const t = useT(s);
  return (
    <section className="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p>{t('welcome1')}</p>
      <p>{t('welcome2')}</p>
      <p>{t('welcome3')}</p>
      <SignInButtons />
      <p>
        <Link href="~/">{t('browse')}</Link>
      </p>
      {!navigator.onLine && (
        <p className="notice">
          {t('offlineDraft')} <Link href="/reports/new">{t('newReport')}</Link>
        </p>
      )}
    </section>
  );
}

function Dashboard({ me }: { me: Me }) {
  const t = useT(s);
  const [offset, setOffset] = useState(0);
  const reports = useAsync(() => api.get<ApiPage<MyReport>>('/api/v1/me/reports', { limit: LIMIT, offset }), [offset]);
  const unread = useAsync(
    () =>
      Promise.all([
        api.get<{ unread: number; residenceMissing: boolean }>('/api/v1/me/alerts', { limit: 1 }).catch(() => ({ unread: 0, residenceMissing: false })),
        api.get<{ unread: number }>('/api/v1/me/notifications', { limit: 1 }).catch(() => ({ unread: 0 })),
      ]).then(([a, n]) => ({ count: a.unread + n.unread, residenceMissing: a.residenceMissing })),
    [],
  );
  const count = unread.data?.count ?? 0;
  // Reports sent from the outbox join the list.
  const reload = reports.reload;
  useEffect(() => subscribe(reload), [reload]);
  return (
    <>
      <h1>{t('hello', { name: me.displayName })}</h1>
      {!me.identityVerified && <VerifyCall />}
      <nav className="quick-actions" aria-label={t('hello', { name: me.displayName })}>
        <Link className="button big" href="/reports/new">
          {t('newReport')}
        </Link>
        <Link className="button secondary" href="/initiatives">
          {t('initiatives')}
        </Link>
        <Link className="button secondary" href="/reception">
          {t('reception')}
        </Link>
        <Link className="button secondary" href="/alerts">
          {t('alerts')}
          {count > 0 && (
            <>
              <span className="count-badge" aria-hidden="true">
                {count}
              </span>
              <span className="visually-hidden"> ({t('unread', { n: count })})</span>
            </>
          )}
        </Link>
        <Link className="button secondary" href="/profile">
          {t('profile')}
        </Link>
      </nav>
      {unread.data?.residenceMissing && (
        <p className="notice">
          {t('residenceMissing')} <Link href="/profile">{t('setResidence')}</Link>
        </p>
      )}
      <section aria-labelledby="my-reports">
        <div className="spread">
          <h2 id="my-reports">{t('myReports')}</h2>
          {reports.data && reports.data.total > 0 && <span className="muted small">{t('total', { n: reports.data.total })}</span>}
        </div>
        <Loaded state={reports}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('none')}</p>
            ) : (
              <>
                <ReportList items={page.items} />
                <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
              </>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

export function ReportList({ items }: { items: MyReport[] }) {
  const t = useT(s);
  const tc = useT(citizen);
  const kind = useNames(kindNames);
  return (
    <ul className="list report-list">
      {items.map((r) => (
        <li key={r.id}>
          <div className="spread">
            <Link href={`/reports/${r.id}?code=${encodeURIComponent(r.code)}`} className="report-link">
              {r.title}
            </Link>
            <StateBadge state={r.state} label={r.stateLabel} />
          </div>
          <p className="small muted">
            <span className="code">{r.code}</span> · {kind(r.kind)} · {r.category.name}
            {r.commune ? ` · ${r.commune}` : ''} · {t('submitted', { date: formatDate(r.submittedAt) })}
            {r.confidential && (
              <>
                {' '}
                · <span className="badge">{tc('confidential')}</span>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
