/** Accounts: sign-up, sign-in/out, own profile, identity verification, staff administration. */
import { formatVietnamTime } from '../../domain/calendar/index.ts';
import { Type } from 'typebox';
import { registerCitizen } from '../../app/accounts/register-citizen.ts';
import { signIn, signOut } from '../../app/accounts/sessions.ts';
import { createStaff, listAgencyMembers, requirePermission } from '../../app/accounts/staff.ts';
import { updateResidence } from '../../app/accounts/update-profile.ts';
import { verifyIdentity } from '../../app/accounts/verify-identity.ts';
import { STAFF_ROLES } from '../../domain/access/index.ts';
import { AppError } from '../../domain/errors.ts';
import { findUserById } from '../../db/repos/accounts.repo.ts';
import type { App } from '../app.ts';
import { SESSION_COOKIE, sessionToken, setSessionCookie } from '../auth.ts';
import { presentOwnAccount } from '../presenters/reporter.ts';
import { Strict } from './schemas.ts';

const UnitRef = Type.Object({ version: Type.String({ minLength: 1, maxLength: 16 }), code: Type.String({ pattern: '^\\d{2,5}$' }) }, Strict);

export default async function accountsRoutes(app: App): Promise<void> {
  const ctx = app.ctx;

  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Đăng ký tài khoản công dân hoặc tổ chức (R-5.5)',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('individual'), Type.Literal('organisation')], { default: 'individual' }),
            fullName: Type.String({ minLength: 1, maxLength: 200 }),
            dateOfBirth: Type.String({ maxLength: 10 }),
            cccd: Type.String({ maxLength: 20 }),
            phone: Type.String({ maxLength: 20 }),
            email: Type.String({ maxLength: 254 }),
            password: Type.String({ maxLength: 256 }),
            residence: Type.Optional(UnitRef),
            organisation: Type.Optional(Type.Object({ name: Type.String({ maxLength: 300 }), taxCode: Type.String({ maxLength: 20 }) }, Strict)),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const { id } = await registerCitizen(ctx, req.body);
      return reply.code(201).send({ id, identityVerified: false, next: '/api/v1/me/identity-verification' });
    },
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: {
        rateLimit: {
          max: ctx.config.loginAttemptsPerWindow,
          timeWindow: '15 minutes',
          // The key reads the login from the body, so count after the body is parsed and validated.
          hook: 'preHandler',
          // Per address and login, so one person's mistakes do not lock out a whole office behind one NAT.
          keyGenerator: (req) => `${req.ip}|${String((req.body as { login?: unknown } | undefined)?.login ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['accounts'],
        summary: 'Đăng nhập bằng số điện thoại, e-mail, số CCCD hoặc tên đăng nhập cán bộ',
        body: Type.Object(
          {
            login: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            mode: Type.Union([Type.Literal('cookie'), Type.Literal('bearer')], { default: 'cookie' }),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => {
      const mode = req.body.mode ?? 'cookie';
      const session = await signIn(ctx, { login: req.body.login, password: req.body.password, kind: mode });
      if (mode === 'cookie') {
        setSessionCookie(app, reply, session.token, session.expiresAt);
        return { userId: session.userId, expiresAt: formatVietnamTime(session.expiresAt) };
      }
      return { userId: session.userId, expiresAt: formatVietnamTime(session.expiresAt), token: session.token, tokenType: 'Bearer' };
    },
  );

  app.post('/api/v1/auth/sign-out', { schema: { tags: ['accounts'], summary: 'Đăng xuất' } }, async (req, reply) => {
    const token = sessionToken(req);
    if (token) await signOut(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/v1/me', { schema: { tags: ['accounts'], summary: 'Thông tin tài khoản của tôi' } }, async (req) => {
    const actor = req.actor;
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
    const user = await findUserById(ctx.db, actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return presentOwnAccount(user, ctx.pii, actor.kind === 'staff' ? actor.memberships : []);
  });

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Cập nhật nơi cư trú (dùng để nhận cảnh báo của địa phương)',
        body: Type.Object({ residence: UnitRef }, Strict),
      },
    },
    async (req) => {
      const actor = req.actor;
      if (actor.kind !== 'citizen') return requirePermission(actor, false);
      await updateResidence(ctx, actor, req.body.residence);
      return { residence: req.body.residence };
    },
  );

  app.post(
    '/api/v1/me/identity-verification',
    { schema: { tags: ['accounts'], summary: 'Xác thực danh tính với Cơ sở dữ liệu quốc gia về dân cư (R-3.9)' } },
    async (req) => {
      const actor = req.actor;
      if (actor.kind !== 'citizen') return requirePermission(actor, false);
      const { verifiedAt } = await verifyIdentity(ctx, actor.userId);
      return { identityVerified: true, identityVerifiedAt: formatVietnamTime(verifiedAt) };
    },
  );

  app.post(
    '/api/v1/admin/staff',
    {
      schema: {
        tags: ['admin'],
        summary: 'Tạo tài khoản cán bộ với vai trò tại cơ quan',
        body: Type.Object(
          {
            username: Type.String({ maxLength: 64 }),
            displayName: Type.String({ minLength: 2, maxLength: 200 }),
            password: Type.String({ maxLength: 256 }),
            memberships: Type.Array(
              Type.Object({ agencyId: Type.String({ format: 'uuid' }), role: Type.Union(STAFF_ROLES.map((r) => Type.Literal(r))) }, Strict),
              { maxItems: 20 },
            ),
          },
          Strict,
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await createStaff(ctx, req.actor, req.body)),
  );

  app.get(
    '/api/v1/agencies/:id/members',
    {
      schema: {
        tags: ['agencies'],
        summary: 'Cán bộ của cơ quan (trong phạm vi được xem)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, Strict),
      },
    },
    async (req) => {
      const rows = await listAgencyMembers(ctx, req.actor, req.params.id);
      return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, status: r.status })) };
    },
  );
}
