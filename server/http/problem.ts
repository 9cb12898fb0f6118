/** RFC 9457 problem+json rendering of catalogue errors, in Vietnamese by default or English on request. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode, type FieldProblem } from '../domain/errors.ts';

export type Lang = 'vi' | 'en';

export function requestLang(req: FastifyRequest): Lang {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^\s*en\b/i.test(h) ? 'en' : 'vi';
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance: string;
  requestId: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  opts: { detail?: { vi: string; en: string }; errors?: FieldProblem[]; extra?: Record<string, unknown> } = {},
): FastifyReply {
  const def = ERRORS[code];
  const lang = requestLang(req);
  const body: Problem = {
    ...opts.extra,
    type: `/docs/errors#${code.toLowerCase().replace(/_/g, '-')}`,
    title: def[lang],
    status: def.status,
    detail: opts.detail ? opts.detail[lang] : def[lang],
    code,
    instance: req.url,
    requestId: String(req.id),
    ...(opts.errors && opts.errors.length ? { errors: opts.errors } : {}),
  };
  return reply.code(def.status).type('application/problem+json; charset=utf-8').send(body);
}
