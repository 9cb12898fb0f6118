/**
 * Fetching a photo or video an outside system names by URL (Open311 `media_url`, issue 8): http(s) only, never
 * from private, loopback or link-local addresses unless configured (SSRF), redirects followed by hand (at most 3,
 * each hop checked again), a time limit on the whole exchange, the declared type must be an image, a video or
 * unknown, and the body is cut off at the upload limit. The bytes are then checked by content like any upload.
 *
 * The address check resolves the host before the request; a DNS answer that changes in between (rebinding)
 * is not caught here — deployments that need that guarantee route outgoing requests through an egress proxy.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { MEDIA_LIMITS } from './limits.ts';

export interface FetchedMedia {
  bytes: Buffer;
  /** A name for the file: the last segment of the URL's path. */
  name: string;
}

export type FetchMediaResult = { ok: true; value: FetchedMedia } | { ok: false; message: string };

export interface FetchMediaOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes?: number;
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4mapped) return PRIVATE.check(v4mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return true;
}

async function checkHost(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `chỉ nhận địa chỉ http hoặc https (${url.protocol})`;
  if (url.username || url.password) return 'địa chỉ không được chứa tên đăng nhập, mật khẩu';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `không phân giải được tên miền ${host}`;
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) return 'địa chỉ thuộc mạng nội bộ, không được phép';
  return null;
}

const ACCEPTED_TYPE = /^(image\/|video\/|application\/octet-stream|binary\/octet-stream)/i;

/** Fetches one media URL within the limits; never throws for what the remote side does. */
export async function fetchMedia(raw: string, opts: FetchMediaOptions): Promise<FetchMediaResult> {
  const maxBytes = opts.maxBytes ?? MEDIA_LIMITS.fileMaxBytes;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'không phải địa chỉ URL hợp lệ' };
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    let res: Response | null = null;
    for (let hop = 0; hop <= 3; hop++) {
      const refused = await checkHost(url, opts.allowPrivate);
      if (refused) return { ok: false, message: refused };
      res = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'image/*, video/*' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url);
        res = null;
        continue;
      }
      break;
    }
    if (!res) return { ok: false, message: 'chuyển hướng quá 3 lần' };
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, message: `máy chủ trả lời HTTP ${res.status}` };
    }
    const type = res.headers.get('content-type');
    if (type && !ACCEPTED_TYPE.test(type)) {
      await res.body?.cancel();
      return { ok: false, message: `nội dung không phải ảnh hoặc video (${type.split(';')[0]})` };
    }
    const declared = Number(res.headers.get('content-length'));
    const tooLarge = { ok: false as const, message: `lớn hơn ${Math.round(maxBytes / 1024 / 1024)} MB` };
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      return tooLarge;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      for await (const chunk of res.body) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          // Leaving the loop cancels the stream: nothing more is read.
          return tooLarge;
        }
        chunks.push(Buffer.from(chunk));
      }
    }
    const last = url.pathname.split('/').filter(Boolean).pop() ?? 'media';
    let name = last;
    try {
      name = decodeURIComponent(last);
    } catch {
      // a malformed escape: show the segment as it is
    }
    return { ok: true, value: { bytes: Buffer.concat(chunks), name: name || 'media' } };
  } catch (err) {
    if (signal.aborted) return { ok: false, message: `quá ${opts.timeoutMs / 1000} giây chưa tải xong` };
    return { ok: false, message: `không kết nối được (${err instanceof Error ? err.message : 'lỗi mạng'})` };
  }
}
