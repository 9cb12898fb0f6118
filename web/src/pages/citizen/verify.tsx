/** /app/verify: the citizen's identity checked against the national population database. */
import { Link, useLocation } from 'wouter';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { ErrorBox, useSubmit } from '../../components/async.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { GatedPage, maskTail } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Xác thực định danh',
    intro: 'iHanoi đối chiếu số căn cước, họ tên và ngày sinh bạn đã khai với Cơ sở dữ liệu quốc gia về dân cư. Chỉ tài khoản đã xác thực mới gửi được phản ánh, để cơ quan tiếp nhận biết phản ánh đến từ người thật (Quy chế iHanoi, Điều 5, Điều 6).',
    checked: 'Thông tin sẽ được đối chiếu',
    fullName: 'Họ và tên',
    dateOfBirth: 'Ngày sinh',
    cccd: 'Số căn cước (CCCD)',
    submit: 'Xác thực với Cơ sở dữ liệu quốc gia về dân cư',
    submitting: 'Đang đối chiếu…',
    verified: 'Tài khoản của bạn đã được xác thực định danh lúc {time}.',
    next: 'Tiếp tục: hồ sơ và nơi cư trú',
    failedHelp: 'Nếu thông tin đã khai chưa đúng với thẻ căn cước, hãy liên hệ Trung tâm Phục vụ hành chính công để được hỗ trợ.',
    later: 'Để sau, về trang của tôi',
  },
  {
    title: 'Identity verification',
    intro: 'iHanoi checks the ID number, full name and date of birth you gave against the national population database. Only verified accounts can send reports, so that agencies know a report comes from a real person (iHanoi rules, Articles 5 and 6).',
    checked: 'What will be checked',
    fullName: 'Full name',
    dateOfBirth: 'Date of birth',
    cccd: 'Citizen ID number (CCCD)',
    submit: 'Verify with the national population database',
    submitting: 'Checking…',
    verified: 'Your identity was verified at {time}.',
    next: 'Continue: profile and place of residence',
    failedHelp: 'If what you gave differs from your ID card, contact the Public Administrative Service Center for help.',
    later: 'Later, back to my page',
  },
);

export default function Verify() {
  const t = useT(s);
  return (
    <GatedPage title={t('title')}>{(me) => <VerifyBody me={me} />}</GatedPage>
  );
}

function VerifyBody({ me }: { me: Me }) {
  const t = useT(s);
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const { busy, error, run } = useSubmit();

  async function verify() {
    await run(async () => {
      await api.post('/api/v1/me/identity-verification');
      await refresh();
      navigate('/profile?verified=1');
    });
  }

  if (me.identityVerified) {
    return (
      <>
        <p className="notice">{t('verified', { time: formatDateTime(me.identityVerifiedAt) })}</p>
        <Link className="button" href="/profile">
          {t('next')}
        </Link>
      </>
    );
  }
  return (
    <>
      <p>{t('intro')}</p>
      <section className="card" aria-labelledby="checked-title">
        <h2 id="checked-title">{t('checked')}</h2>
        <dl className="facts">
          <dt>{t('fullName')}</dt>
          <dd>{me.fullName}</dd>
          <dt>{t('dateOfBirth')}</dt>
          <dd>{me.dateOfBirth ? formatDate(`${me.dateOfBirth}T12:00:00+07:00`) : ''}</dd>
          <dt>{t('cccd')}</dt>
          <dd>{maskTail(me.cccd, 4)}</dd>
        </dl>
      </section>
      <ErrorBox error={error} />
      {error && <p className="hint">{t('failedHelp')}</p>}
      <p className="row">
        <button type="button" className="button" onClick={() => void verify()} disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
        <Link href="/">{t('later')}</Link>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {busy ? t('submitting') : ''}
      </p>
    </>
  );
}
