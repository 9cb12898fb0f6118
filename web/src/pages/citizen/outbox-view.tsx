/** What the outbox shows on every citizen page, and the sending of it when the app opens or the device is back online. */
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { useSession } from '../../session.tsx';
import { discardQueued, dismissSent, outboxEntries, recentlySent, reopenQueued, sendOutbox, subscribe, type OutboxEntry, type SentReport } from './outbox.ts';

const s = defineStrings(
  {
    waiting: 'Có {n} phản ánh đang chờ gửi trên thiết bị này. Chúng sẽ được gửi tự động khi có mạng.',
    waitingSignIn: 'Có {n} phản ánh đang chờ gửi. Hãy đăng nhập để gửi.',
    sendNow: 'Gửi ngay các phản ánh đang chờ',
    sending: 'Đang gửi các phản ánh đang chờ…',
    sent: 'Đã gửi phản ánh bạn soạn khi ngoại tuyến:',
    dismiss: 'Đóng thông báo đã gửi',
    refused: 'Phản ánh “{title}” chưa gửi được: {message}',
    reopen: 'Mở lại “{title}” để sửa',
    discard: 'Xóa “{title}” khỏi hàng chờ',
    reopenBusy: 'Biểu mẫu đang có một bản nháp khác. Hãy gửi hoặc xóa bản nháp đó trước.',
  },
  {
    waiting: '{n} report(s) are waiting to be sent from this device. They will be sent automatically when you are back online.',
    waitingSignIn: '{n} report(s) are waiting to be sent. Sign in to send them.',
    sendNow: 'Send the waiting reports now',
    sending: 'Sending the waiting reports…',
    sent: 'Sent the reports you wrote offline:',
    dismiss: 'Close the sent reports notice',
    refused: 'Report “{title}” could not be sent: {message}',
    reopen: 'Reopen “{title}” to correct it',
    discard: 'Remove “{title}” from the queue',
    reopenBusy: 'The form already holds another draft. Send or delete that draft first.',
  },
);

/**
 * Sends the outbox when the citizen area opens and whenever the device comes back online (after reading the
 * session again: it may have been unreadable while offline).
 */
export function useOutboxSync(): void {
  const { me, refresh } = useSession();
  const meId = me && me.kind !== 'staff' ? me.id : null;
  useEffect(() => {
    if (meId && navigator.onLine) void sendOutbox(meId).catch(() => undefined);
  }, [meId]);
  useEffect(() => {
    const online = () => {
      void refresh()
        .then((m) => (m && m.kind !== 'staff' ? sendOutbox(m.id) : null))
        .catch(() => undefined);
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [refresh]);
}

function useOutbox(userId: string | null): { entries: OutboxEntry[]; sent: SentReport[] } {
  const [state, setState] = useState<{ entries: OutboxEntry[]; sent: SentReport[] }>({ entries: [], sent: recentlySent() });
  useEffect(() => {
    let alive = true;
    const load = () =>
      void outboxEntries(userId ?? undefined).then(
        (entries) => alive && setState({ entries, sent: recentlySent() }),
        () => undefined,
      );
    load();
    const off = subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return state;
}

export function OutboxNotice() {
  const t = useT(s);
  const { me } = useSession();
  const [, navigate] = useLocation();
  const userId = me && me.kind !== 'staff' ? me.id : null;
  const { entries, sent } = useOutbox(userId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const waiting = entries.filter((e) => e.lastError === null);
  const refused = entries.filter((e) => e.lastError !== null);

  const sendNow = useCallback(() => {
    if (!userId) return;
    setBusy(true);
    void sendOutbox(userId)
      .catch(() => undefined)
      .finally(() => setBusy(false));
  }, [userId]);

  if (me?.kind === 'staff') return null;
  return (
    <div className="outbox" role="status" aria-live="polite">
      {waiting.length > 0 && (
        <div className="warning-box">
          <p>{userId ? t('waiting', { n: waiting.length }) : t('waitingSignIn', { n: waiting.length })}</p>
          {userId && navigator.onLine && (
            <button type="button" className="button secondary small" onClick={sendNow} disabled={busy}>
              {busy ? t('sending') : t('sendNow')}
            </button>
          )}
        </div>
      )}
      {refused.map((e) => (
        <div className="error-box" key={e.key}>
          <p>{t('refused', { title: e.body.title || e.body.kind, message: e.lastError ?? '' })}</p>
          <div className="row">
            <button
              type="button"
              className="button secondary small"
              onClick={() => {
                void reopenQueued(e.key).then((scope) => {
                  if (scope === false) setMessage(t('reopenBusy'));
                  // A new query makes an open form read its draft again.
                  else navigate(`${scope === 'initiative' ? '~/app/initiatives' : '~/app/reports/new'}?draft=${encodeURIComponent(e.key)}`);
                });
              }}
            >
              {t('reopen', { title: e.body.title || '…' })}
            </button>
            <button type="button" className="link-button" onClick={() => void discardQueued(e.key)}>
              {t('discard', { title: e.body.title || '…' })}
            </button>
          </div>
        </div>
      ))}
      {message && <p className="field-error">{message}</p>}
      {sent.length > 0 && (
        <div className="notice">
          <p>{t('sent')}</p>
          <ul>
            {sent.map((r) => (
              <li key={r.key}>
                <Link href={`~/app/reports/${r.id}?code=${encodeURIComponent(r.code)}`}>
                  <strong>{r.code}</strong>
                </Link>{' '}
                — {r.title}
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={dismissSent}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
