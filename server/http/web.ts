/**
 * The built web app (issue 7) is served by the same server as the API (one origin: the session cookie and the
 * CSP need no cross-site exceptions). Hashed assets are cached for a year; index.html, the service worker and
 * the manifest are revalidated so a new release is picked up. A browser asking for an app path (/app/…,
 * /staff/…) gets index.html and the client router takes over; API paths keep their problem+json 404.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { App } from './app.ts';

const API_PREFIXES = ['/api/', '/open311/', '/cap/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

export interface WebApp {
  /** index.html for a browser's GET of an app path; null when the request is not one. */
  fallback(req: FastifyRequest, reply: FastifyReply): FastifyReply | null;
}

export async function installWeb(app: App, webDir: string): Promise<WebApp | null> {
  const indexFile = join(webDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ webDir }, 'web app not built (npm run build:web): serving the API only');
    return null;
  }
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: false,
    wildcard: true,
    // scripts/build-web.mjs writes .br and .gz beside each asset.
    preCompressed: true,
    setHeaders(reply, path) {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // Read per page load (a small file): a rebuilt app is served without restarting the server.
  const sendIndex = (reply: FastifyReply) => reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(indexFile));
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
  return {
    fallback(req, reply) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return null;
      const path = req.url.split('?')[0] ?? '/';
      if (API_PREFIXES.some((p) => path.startsWith(p)) || /\.[a-z0-9]+$/i.test(path)) return null;
      if (!String(req.headers.accept ?? '').includes('text/html')) return null;
      return sendIndex(reply);
    },
  };
}
