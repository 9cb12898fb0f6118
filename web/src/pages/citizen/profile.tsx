/** /app/profile: the account as its owner sees it (identity partly hidden on screen) and the place of residence for local alerts. */
import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { ErrorBox, toApiError, useSubmit } from '../../components/async.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { GatedPage, maskEmail, maskTail, useDebounced } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Hồ sơ của tôi',
    justVerified: 'Đã xác thực định danh. Bây giờ bạn có thể gửi phản ánh.',
    account: 'Thông tin tài khoản',
    masked: 'Một phần số CCCD, điện thoại, e-mail được ẩn trên màn hình để người bên cạnh không đọc được.',
    fullName: 'Họ và tên',
    kind: 'Loại tài khoản',
    individual: 'Cá nhân',
    organisation: 'Tổ chức, doanh nghiệp',
    orgName: 'Tổ chức',
    taxCode: 'Mã số thuế',
    dateOfBirth: 'Ngày sinh',
    cccd: 'Số CCCD',
    phone: 'Điện thoại',
    email: 'E-mail',
    identity: 'Xác thực định danh',
    verifiedAt: 'Đã xác thực lúc {time}',
    notVerified: 'Chưa xác thực',
    verifyNow: 'Xác thực ngay',
    residence: 'Nơi cư trú',
    residenceWhy: 'iHanoi dùng nơi cư trú để gửi cho bạn thông báo, cảnh báo của thành phố và của xã, phường nơi bạn ở (mưa lớn, ngập úng, cắt điện, cắt nước…). Nơi cư trú không hiển thị công khai và không ảnh hưởng đến nơi bạn gửi phản ánh.',
    current: 'Hiện tại: {name}',
    none: 'Bạn chưa khai báo nơi cư trú.',
    search: 'Tìm xã, phường nơi bạn ở',
    searchHint: 'Gõ tên, có dấu hoặc không dấu, ví dụ “hoan kiem”.',
    results: 'Kết quả tìm kiếm',
    noResults: 'Không tìm thấy xã, phường nào có tên này.',
    searching: 'Đang tìm…',
    choose: 'Chọn {name}',
    chosen: 'Đã chọn: {name}',
    save: 'Lưu nơi cư trú',
    saving: 'Đang lưu…',
    saved: 'Đã lưu nơi cư trú: {name}. Bạn sẽ nhận thông báo, cảnh báo của địa phương này.',
    alerts: 'Xem thông báo, cảnh báo',
    home: 'Về trang của tôi',
  },
  {
    title: 'My profile',
    justVerified: 'Your identity is verified. You can now send reports.',
    account: 'Account details',
    masked: 'Parts of your CCCD, phone and e-mail are hidden on screen so that people next to you cannot read them.',
    fullName: 'Full name',
    kind: 'Account type',
    individual: 'Individual',
    organisation: 'Organisation or business',
    orgName: 'Organisation',
    taxCode: 'Tax code',
    dateOfBirth: 'Date of birth',
    cccd: 'CCCD number',
    phone: 'Phone',
    email: 'E-mail',
    identity: 'Identity verification',
    verifiedAt: 'Verified at {time}',
    notVerified: 'Not verified',
    verifyNow: 'Verify now',
    residence: 'Place of residence',
    residenceWhy: 'iHanoi uses your place of residence to send you the announcements and warnings of the city and of your commune or ward (heavy rain, flooding, power or water cuts…). It is never public and does not change where you may report.',
    current: 'Currently: {name}',
    none: 'You have not set your place of residence.',
    search: 'Find the commune or ward where you live',
    searchHint: 'Type the name, with or without diacritics, e.g. “hoan kiem”.',
    results: 'Search results',
    noResults: 'No commune or ward has this name.',
    searching: 'Searching…',
    choose: 'Choose {name}',
    chosen: 'Chosen: {name}',
    save: 'Save my place of residence',
    saving: 'Saving…',
    saved: 'Saved: {name}. You will receive the announcements and warnings of this place.',
    alerts: 'See announcements and warnings',
    home: 'Back to my page',
  },
);

interface Unit {
  version: string;
  code: string;
  level: string;
  fullName: string;
  parentCode: string | null;
}

export default function Profile() {
  const t = useT(s);
  return (
    <GatedPage title={t('title')}>{(me) => <ProfileBody me={me} />}</GatedPage>
  );
}

function ProfileBody({ me }: { me: Me }) {
  const t = useT(s);
  const justVerified = new URLSearchParams(useSearch()).get('verified') === '1' && me.identityVerified;
  return (
    <>
      {justVerified && (
        <p className="notice" role="status">
          {t('justVerified')}
        </p>
      )}
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('account')}</h2>
        <dl className="facts">
          <dt>{t('fullName')}</dt>
          <dd>{me.fullName ?? me.displayName}</dd>
          <dt>{t('kind')}</dt>
          <dd>{me.kind === 'organisation' ? t('organisation') : t('individual')}</dd>
          {me.organisation && (
            <>
              <dt>{t('orgName')}</dt>
              <dd>{me.organisation.name}</dd>
              <dt>{t('taxCode')}</dt>
              <dd>{me.organisation.taxCode}</dd>
            </>
          )}
          {me.dateOfBirth && (
            <>
              <dt>{t('dateOfBirth')}</dt>
              <dd>{formatDate(`${me.dateOfBirth}T12:00:00+07:00`)}</dd>
            </>
          )}
          <dt>{t('cccd')}</dt>
          <dd>{maskTail(me.cccd, 4)}</dd>
          <dt>{t('phone')}</dt>
          <dd>{maskTail(me.phone, 3)}</dd>
          <dt>{t('email')}</dt>
          <dd>{maskEmail(me.email)}</dd>
          <dt>{t('identity')}</dt>
          <dd>
            {me.identityVerified ? (
              <span className="badge ok">{t('verifiedAt', { time: formatDateTime(me.identityVerifiedAt) })}</span>
            ) : (
              <>
                <span className="badge warn">{t('notVerified')}</span> <Link href="/verify">{t('verifyNow')}</Link>
              </>
            )}
          </dd>
        </dl>
        <p className="hint">{t('masked')}</p>
      </section>
      <Residence me={me} />
      <p className="row">
        <Link href="/alerts">{t('alerts')}</Link>
        <Link href="/">{t('home')}</Link>
      </p>
    </>
  );
}

function Residence({ me }: { me: Me }) {
  const t = useT(s);
  const { refresh } = useSession();
  const [currentName, setCurrentName] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const [results, setResults] = useState<Unit[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [chosen, setChosen] = useState<Unit | null>(null);
  const { busy, error, setError, run } = useSubmit();
  const [status, setStatus] = useState('');
  const r = me.residence;

  useEffect(() => {
    if (!r?.version || !r.code) {
      setCurrentName(null);
      return;
    }
    let alive = true;
    api.get<Unit>(`/api/v1/units/${r.version}/${r.code}`).then(
      (u) => alive && setCurrentName(u.fullName),
      () => alive && setCurrentName(r.code),
    );
    return () => {
      alive = false;
    };
  }, [r?.version, r?.code]);

  useEffect(() => {
    if (query.length < 2) {
      setResults(null);
      return;
    }
    let alive = true;
    setSearching(true);
    api
      .get<{ items: Unit[] }>('/api/v1/units/search', { q: query, limit: 10 })
      .then(
        (res) => alive && setResults(res.items.filter((u) => u.level === 'commune')),
        (err: unknown) => alive && setError(toApiError(err)),
      )
      .finally(() => alive && setSearching(false));
    return () => {
      alive = false;
    };
  }, [query]);

  async function save() {
    if (!chosen) return;
    await run(async () => {
      await api.patch('/api/v1/me', { residence: { version: chosen.version, code: chosen.code } });
      setCurrentName(chosen.fullName);
      await refresh();
      setStatus(t('saved', { name: chosen.fullName }));
      setChosen(null);
      setQ('');
      setResults(null);
    });
  }

  return (
    <section className="card" aria-labelledby="residence-title">
      <h2 id="residence-title">{t('residence')}</h2>
      <p>{t('residenceWhy')}</p>
      <p>
        <strong>{r ? t('current', { name: currentName ?? '…' }) : t('none')}</strong>
      </p>
      <div className="form">
        <label htmlFor="residence-search">{t('search')}</label>
        <input id="residence-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="residence-hint" autoComplete="off" />
        <p className="hint" id="residence-hint">
          {t('searchHint')}
        </p>
      </div>
      <div role="status" aria-live="polite" className="small">
        {searching ? t('searching') : results && results.length === 0 ? t('noResults') : ''}
      </div>
      {results && results.length > 0 && (
        <fieldset className="unit-results">
          <legend>{t('results')}</legend>
          {results.map((u) => (
            <label key={`${u.version}/${u.code}`} className="choice">
              <input type="radio" name="residence" checked={chosen?.code === u.code && chosen.version === u.version} onChange={() => setChosen(u)} />
              {u.fullName}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorBox error={error} />
      {chosen && <p>{t('chosen', { name: chosen.fullName })}</p>}
      <button type="button" className="button" disabled={!chosen || busy} onClick={() => void save()}>
        {busy ? t('saving') : t('save')}
      </button>
      <p role="status" aria-live="polite" className="notice-text">
        {status}
      </p>
    </section>
  );
}
