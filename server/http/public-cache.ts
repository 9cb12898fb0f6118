/**
 * A micro-cache for the public feeds (Open311 GET requests, open data): the same GET (path and query) within
 * PUBLIC_CACHE_SECONDS is answered from memory — a storm of identical map-frame or feed reads costs one query.
 * Only what is the same for every caller is cached: these routes answer no one's own data (no identity, R-5.7),
 * and only 200 answers with their content headers (never rate-limit counters, cookies or request ids). Errors
 * are never cached. The bound is on bytes; the least recently used answers go first. Answers may be up to
 * PUBLIC_CACHE_SECONDS old — the feeds already tell clients they may cache them longer (Cache-Control).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../app/ports.ts';

/** The answers kept (bytes of body text, counted as UTF-16 length × 2). */
const MAX_BYTES = 64 * 1024 * 1024;
/** Headers that describe the content; everything else is the request's own. */
const KEPT_HEADERS = ['content-type', 'cache-control', 'link', 'x-licence', 'content-disposition'] as const;

interface Answer {
  body: string;
  headers: Record<string, string>;
}

export interface PublicCacheHooks {
  onRequest: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  onSend: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
}

/** Route hooks that serve and keep answers; with `seconds` 0 they do nothing. */
export function publicCache(seconds: number, clock: Clock): PublicCacheHooks {
  const cache =
    seconds > 0
      ? new LRUCache<string, Answer>({
          ttl: seconds * 1000,
          // Ask the clock every time (its default debounce keeps a stale "now" until a timer runs).
          ttlResolution: 0,
          maxSize: MAX_BYTES,
          sizeCalculation: (a) => a.body.length * 2 + 256,
          perf: { now: () => clock.now().getTime() },
        })
      : null;
  const served = new WeakSet<FastifyRequest>();
  return {
    async onRequest(req, reply) {
      if (!cache || req.method !== 'GET') return undefined;
      const hit = cache.get(req.url);
      if (!hit) return undefined;
      served.add(req);
      return reply.headers(hit.headers).header('x-cache', 'hit').send(hit.body);
    },
    async onSend(req, reply, payload) {
      if (!cache || req.method !== 'GET' || served.has(req)) return payload;
      if (reply.statusCode === 200 && typeof payload === 'string') {
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        cache.set(req.url, { body: payload, headers });
        reply.header('x-cache', 'miss');
      }
      return payload;
    },
  };
}
