/** Liveness and readiness for load balancers and orchestrators. */
import { Type } from 'typebox';
import type { App } from '../app.ts';
import { RETRY_AFTER_SECONDS } from '../error-handler.ts';
import { sendProblem } from '../problem.ts';

export default async function healthRoutes(app: App): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'The database is reachable',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async (req, reply) => {
      try {
        await app.ctx.database.ping();
      } catch (err) {
        req.log.warn({ err: { message: (err as Error).message } }, 'readiness check failed');
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return sendProblem(req, reply, 'DATABASE_UNAVAILABLE');
      }
      return { status: 'ready' as const, database: app.ctx.database.engine };
    },
  );
}
