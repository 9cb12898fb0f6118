/**
 * buildApp: the one way to build the HTTP application — used by main.ts and by every test (app.inject), so
 * tests exercise the production wiring. Schema-first routes (TypeBox → Ajv validation with all errors and
 * unknown fields rejected, OpenAPI 3.1), problem+json errors, request ids, redacted structured logs,
 * security headers, rate limits and Prometheus metrics.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import ajvFormats from 'ajv-formats';
import pino from 'pino';
import { uuidv7 } from 'uuidv7';
import type { AppContext } from '../app/context.ts';
import { installAuth } from './auth.ts';
import { frameworkErrors, installErrorHandling, installNotFound } from './error-handler.ts';
import { LOG_REDACT_PATHS } from './log-redaction.ts';
import { installMetrics } from './metrics.ts';
import { requestLang } from './problem.ts';
import { unstorableProblems } from './validation-messages.ts';
import { invalid } from '../domain/errors.ts';
import { registerRoutes } from './routes/index.ts';
import { installWeb } from './web.ts';
import { publicCache, type PublicCacheHooks } from './public-cache.ts';

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface BuildOptions {
  /** Where logs go (tests capture them to prove that no identity leaks). Default: stdout. */
  logStream?: Writable;
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<App> {
  const logger = pino(
    {
      level: ctx.config.logLevel,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'ihanoi' },
    },
    opts.logStream ?? pino.destination(1),
  );
  const app = Fastify({
    loggerInstance: logger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : uuidv7();
    },
    bodyLimit: ctx.config.bodyLimitBytes,
    // Malformed or over-long paths are refused by the router itself: problem+json too (error-handler.ts).
    frameworkErrors,
    trustProxy: ctx.config.trustProxy,
    ajv: {
      // Reject unknown fields instead of silently dropping them; report every problem, not the first.
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
      // ajv-formats' types do not match Fastify's generic plugin signature; the runtime shape does.
      plugins: [ajvFormats as never],
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorate('ctx', ctx);
  app.decorate('publicCache', publicCache(ctx.config.publicCacheSeconds, ctx.clock));
  // The API speaks JSON (multipart where a route says so): plain text gets 415, not a confusing schema error.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
  });

  installErrorHandling(app);
  installMetrics(app);
  // Before the session hook: "1e309" in a query or a NUL in a text is as invalid as any other bad field (validation-messages.ts).
  app.addHook('preHandler', async (req) => {
    const problems = unstorableProblems({ querystring: req.query, params: req.params, body: req.body }, requestLang(req));
    if (problems.length) throw invalid(problems);
  });

  // Security headers on every answer. The middleware is built once: @fastify/helmet built it again for every
  // request (its directives parsed each time), a measurable share of a submission's time (ADR 0013).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // A configured tile server (MAP_TILE_URL) is the one outside origin the maps may load images from.
        imgSrc: ["'self'", 'data:', 'blob:', ...(ctx.config.mapTileUrl ? [new URL(ctx.config.mapTileUrl.replace(/\{[a-z]\}/g, '0')).origin] : [])],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'iHanoi API',
        version: '1',
        description:
          'Ứng dụng Công dân Thủ đô số — API for reports, alerts and citizen reception (Quyết định 1207/QĐ-UBND). Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'ihanoi_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installAuth(app);
  await registerRoutes(app);
  installNotFound(app, await installWeb(app, ctx.config.webDir));
  await app.ready();
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Route hooks of the public feeds' micro-cache (PUBLIC_CACHE_SECONDS). */
    publicCache: PublicCacheHooks;
  }
}
