/** Turning on push notifications on this device (issue 6 item 5): shown only where the browser can do it. */
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorBox, useSubmit } from '../../components/async.tsx';
import { defineStrings, useT } from '../../i18n/strings.ts';

const s = defineStrings(
  {
    title: 'Thông báo đẩy trên thiết bị này',
    why: 'Nhận cảnh báo khẩn (mưa lớn, ngập úng…) và tin về phản ánh của bạn ngay cả khi không mở iHanoi.',
    enable: 'Bật thông báo đẩy',
    enabling: 'Đang bật…',
    on: 'Thông báo đẩy đang bật trên thiết bị này.',
    denied: 'Trình duyệt đang chặn thông báo của iHanoi. Hãy cho phép thông báo trong cài đặt trình duyệt rồi thử lại.',
    enabled: 'Đã bật thông báo đẩy.',
  },
  {
    title: 'Push notifications on this device',
    why: 'Get urgent warnings (heavy rain, flooding…) and news of your reports even when iHanoi is closed.',
    enable: 'Turn on push notifications',
    enabling: 'Turning on…',
    on: 'Push notifications are on for this device.',
    denied: 'The browser blocks notifications from iHanoi. Allow them in the browser settings and try again.',
    enabled: 'Push notifications are on.',
  },
);

/** The VAPID key as the Push API wants it (base64url → bytes). */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const pad = '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob((base64url + pad).replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const pushSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

export function PushToggle() {
  const t = useT(s);
  // null: not known yet, or not possible here (no service worker registered, e.g. a development build).
  const [state, setState] = useState<'off' | 'on' | 'denied' | null>(null);
  const { busy, error, run } = useSubmit();
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (!pushSupported()) return;
    let alive = true;
    void navigator.serviceWorker
      .getRegistration()
      .then(async (reg) => {
        if (!reg || !alive) return;
        const sub = await reg.pushManager.getSubscription();
        if (alive) setState(sub ? 'on' : Notification.permission === 'denied' ? 'denied' : 'off');
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  async function enable() {
    await run(async () => {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setState('denied');
        return;
      }
      const { publicKey } = await api.get<{ publicKey: string }>('/api/v1/push/vapid-public-key');
      const reg = await navigator.serviceWorker.ready;
      const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const json = sub.toJSON();
      await api.post('/api/v1/me/push-subscriptions', { endpoint: json.endpoint, expirationTime: json.expirationTime ?? null, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } });
      setState('on');
      setStatus(t('enabled'));
    });
  }

  if (state === null) return null;
  return (
    <section className="card push" aria-labelledby="push-title">
      <h2 id="push-title">{t('title')}</h2>
      <p>{t('why')}</p>
      {state === 'on' && <p className="notice">{t('on')}</p>}
      {state === 'denied' && <p className="warning-box">{t('denied')}</p>}
      {state !== 'on' && (
        <button type="button" className="button secondary" onClick={() => void enable()} disabled={busy}>
          {busy ? t('enabling') : t('enable')}
        </button>
      )}
      <ErrorBox error={error} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
