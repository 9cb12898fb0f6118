/**
 * The one error handler: catalogue errors and framework errors become problem+json; an unknown error becomes
 * a 500 carrying only the request id (internals go to the log, never to the client). A database that is
 * unreachable is a 503 with Retry-After, not a 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { formatOfPath, sendList } from './open311/format.ts';
import { requestLang, sendProblem } from './problem.ts';
import { fieldProblems } from './validation-messages.ts';
import type { WebApp } from './web.ts';

export const RETRY_AFTER_SECONDS = 5;

/** Unknown paths: the web app's page for a browser opening an app path, problem+json for everything else. */
export function installNotFound(app: FastifyInstance, web: WebApp | null): void {
  app.setNotFoundHandler((req, reply) => web?.fallback(req, reply) ?? sendProblem(req, reply, 'ROUTE_NOT_FOUND'));
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route, hook or error handler runs — a malformed
 * percent-encoding in the path (FST_ERR_BAD_URL) or a path segment longer than `maxParamLength`
 * (FST_ERR_MAX_PARAM_LENGTH, which Fastify answers 414). Without it Fastify answers its own JSON, not problem+json
 * (found by reliability/fuzz.int.test.ts). A 400 BAD_REQUEST; under /open311/v2 in that spec's error format.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err.code !== 'FST_ERR_BAD_URL' && err.code !== 'FST_ERR_MAX_PARAM_LENGTH') {
    req.log.error({ err }, 'unhandled error');
    sendProblem(req, reply, 'INTERNAL');
    return;
  }
  const detail =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { vi: 'Một phần của địa chỉ (URL) quá dài', en: 'A segment of the URL path is too long' }
      : { vi: 'Địa chỉ (URL) không hợp lệ: kiểm tra các ký tự mã hóa %', en: 'The URL is malformed: check its percent-encoding' };
  if (req.url.startsWith('/open311/v2/')) {
    sendList(reply, formatOfPath(req.url), 'errors', 'error', [{ code: '400', description: detail[requestLang(req)] }], 400);
    return;
  }
  sendProblem(req, reply, 'BAD_REQUEST', { detail });
}

export function installErrorHandling(app: FastifyInstance): void {

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const lang = requestLang(req);
    if (err instanceof AppError) {
      return sendProblem(req, reply, err.code, {
        ...(err.detail ? { detail: err.detail } : {}),
        errors: err.errors,
        extra: err.extra,
      });
    }
    if (err.validation) {
      return sendProblem(req, reply, 'VALIDATION_FAILED', {
        errors: fieldProblems(err.validation, err.validationContext ?? 'body', lang),
      });
    }
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err: { message: err.message, code: err.code } }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return sendProblem(req, reply, 'DATABASE_UNAVAILABLE');
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(req, reply, 'PAYLOAD_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(req, reply, 'UNSUPPORTED_MEDIA_TYPE');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(req, reply, 'BAD_REQUEST', {
          detail: {
            vi: 'Nội dung JSON không đọc được: kiểm tra cú pháp',
            en: `The JSON body could not be parsed: ${err.message}`,
          },
        });
    }
    if (err.statusCode === 429) return sendProblem(req, reply, 'TOO_MANY_REQUESTS');
    if (err.statusCode === 405) return sendProblem(req, reply, 'METHOD_NOT_ALLOWED');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(req, reply, 'BAD_REQUEST', { detail: { vi: 'Yêu cầu không hợp lệ', en: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, 'INTERNAL');
  });
}
