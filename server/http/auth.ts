/**
 * Who is calling: a session token from the HTTP-only cookie (web) or an `Authorization: Bearer` header (API
 * clients) becomes `req.actor`; no token means anonymous. Permission checks happen in use cases, against
 * the pure access policy.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../app/accounts/sessions.ts';
import { ANONYMOUS, type Actor } from '../domain/access/index.ts';
import type { App } from './app.ts';

export const SESSION_COOKIE = 'ihanoi_session';

export function sessionToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+\S+$/i.test(header)) return header.replace(/^Bearer\s+/i, '');
  return req.cookies[SESSION_COOKIE] ?? null;
}

export function installAuth(app: App): void {
  // Fastify 5 refuses reference-type defaults on decorators; every request gets its actor in the hook below.
  app.decorateRequest('actor', null as never);
  app.addHook('preHandler', async (req) => {
    const token = sessionToken(req);
    req.actor = token ? await authenticate(app.ctx, token) : ANONYMOUS;
  });
}

export function setSessionCookie(app: App, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: app.ctx.config.cookieSecure,
    // Lax + JSON-only state-changing endpoints: a cross-site form cannot post JSON without a CORS preflight.
    sameSite: 'lax',
    path: '/',
    expires: expiresAt,
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}
