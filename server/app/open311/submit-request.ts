/**
 * POST requests.{xml,json} (issue 8): an Open311 service request becomes a normal submission (`submitReport`)
 * by the account the api_key is bound to, under the same rules — verified identity, no sanction in
 * force, the reporter's full identity, a place in Hanoi (R-6.1c), the time of a field report
 * . Media named by `media_url` are fetched within limits and go through the same checks as uploads
 * (the upload use case, reused). The request's `service_request_id` is our report code.
 *
 * A retry carrying the same `attribute[fixmystreet_id]` (or `external_id`) from the same key answers with the
 * report already created (the submission's idempotency key), so a client that lost our answer does not file
 * the report twice.
 */
import { fetchMedia } from '../../adapters/media/fetch-url.ts';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.ts';
import { normaliseEmail, normalisePhone } from '../../domain/identity/index.ts';
import {
  NOT_PINPOINTED,
  OPEN311_DESCRIPTION_MAX,
  OPEN311_FIELD_OF,
  missingContact,
  parseAttributes,
  parseServiceCode,
  titleFromDescription,
} from '../../domain/open311/index.ts';
import { MEDIA_LIMITS } from '../../adapters/media/index.ts';
import { insertOpen311Submission } from '../../db/repos/open311.repo.ts';
import { assertNotSanctioned } from '../accounts/sanctions.ts';
import type { AppContext } from '../context.ts';
import { submitReport, type SubmitResult } from '../reports/submit-report.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { openUploadBatch } from '../uploads/index.ts';
import { actorOfApiKey, INTEGRATION_KEY_SUBJECT } from './integration-keys.ts';

export interface Open311RequestForm {
  api_key?: string | undefined;
  service_code: string;
  lat?: number | undefined;
  long?: number | undefined;
  address_string?: string | undefined;
  address_id?: string | undefined;
  description: string;
  media_url?: readonly string[] | undefined;
  /** `attribute[code]` values by code. */
  attributes: Readonly<Record<string, string>>;
  first_name?: string | undefined;
  last_name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  device_id?: string | undefined;
}

/** The problems of our native submission, renamed to the Open311 form's fields. */
function renamed(problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => {
    const media = /^(?:body\.media|files)\.(\d+)$/.exec(p.field);
    if (media) return { ...p, field: `media_url.${media[1]}` };
    return { ...p, field: OPEN311_FIELD_OF[p.field] ?? p.field.replace(/^body\./, '') };
  });
}

function rethrowRenamed(err: unknown): never {
  if (err instanceof AppError && err.errors.length) throw new AppError(err.code, { ...(err.detail ? { detail: err.detail } : {}), errors: renamed(err.errors), extra: err.extra });
  throw err;
}

export async function submitOpen311Request(ctx: AppContext, form: Open311RequestForm): Promise<SubmitResult> {
  const { key, actor } = await actorOfApiKey(ctx, form.api_key);
  if (!actor.identityVerified)
    throw new AppError('IDENTITY_NOT_VERIFIED', {
      detail: { vi: 'Tài khoản gắn với khóa tích hợp chưa xác thực định danh (R-3.9)', en: 'The account bound to this api_key has not verified its identity (R-3.9)' },
    });
  assertNotSanctioned(actor, ctx.clock.now());

  const problems: FieldProblem[] = [];
  const service = parseServiceCode(form.service_code);
  if (!service) problems.push({ field: 'service_code', message: `Không có dịch vụ “${form.service_code}”; xem services.xml` });

  // who writes, with their e-mail and phone; a citizen's app may only post as that citizen.
  problems.push(...missingContact(form));
  const email = form.email?.trim() ? normaliseEmail(form.email) : undefined;
  const phone = form.phone?.trim() ? normalisePhone(form.phone) : undefined;
  if (email === null) problems.push({ field: 'email', message: 'Thư điện tử không hợp lệ' });
  if (phone === null) problems.push({ field: 'phone', message: 'Số điện thoại Việt Nam không hợp lệ' });
  if (key.kind === 'individual') {
    if (email && ctx.pii.blindIndex('email', email) !== key.email_idx)
      problems.push({ field: 'email', message: 'Không khớp với thư điện tử của công dân đã ủy quyền cho ứng dụng này (R-26.3: mỗi người gửi bằng tài khoản của mình)' });
    if (phone && ctx.pii.blindIndex('phone', phone) !== key.phone_idx)
      problems.push({ field: 'phone', message: 'Không khớp với số điện thoại của công dân đã ủy quyền cho ứng dụng này (R-26.3)' });
  }

  // Where: a pin, or an address (FixMyStreet sends address_id=#NOTPINPOINTED# with an address for a report without a pin).
  const hasLat = form.lat !== undefined;
  const hasLong = form.long !== undefined;
  if (hasLat !== hasLong) problems.push({ field: hasLat ? 'long' : 'lat', message: 'Cần cả lat và long' });
  if (form.address_id !== undefined && form.address_id !== NOT_PINPOINTED) problems.push({ field: 'address_id', message: `Chỉ nhận address_id=${NOT_PINPOINTED}; hãy gửi lat, long hoặc address_string` });
  const address = form.address_string?.trim() || undefined;
  if (!hasLat && !hasLong && !address) problems.push({ field: 'lat', message: 'Cần vị trí: lat và long, hoặc address_string' });

  const description = form.description.normalize('NFC').trim();
  if (description.length > OPEN311_DESCRIPTION_MAX) problems.push({ field: 'description', message: `Nội dung tối đa ${OPEN311_DESCRIPTION_MAX} ký tự` });

  const attributes = service ? parseAttributes(service.kind, form.attributes) : null;
  if (attributes && !attributes.ok) problems.push(...attributes.problems);
  const mediaUrls = form.media_url ?? [];
  if (mediaUrls.length > MEDIA_LIMITS.maxFilesPerReport) problems.push({ field: 'media_url', message: `Tối đa ${MEDIA_LIMITS.maxFilesPerReport} media_url` });
  if (problems.length || !service || !attributes?.ok) throw invalid(problems);
  const attrs = attributes.value;

  // The media: fetched one at a time (one file in memory), checked and stored like uploads.
  const media: string[] = [];
  if (mediaUrls.length) {
    const batch = openUploadBatch(ctx, actor);
    try {
      const failures: FieldProblem[] = [];
      for (const [i, url] of mediaUrls.entries()) {
        const got = await fetchMedia(url, { allowPrivate: ctx.config.open311MediaFetchAllowPrivate, timeoutMs: ctx.config.open311MediaFetchTimeoutMs });
        if (!got.ok) failures.push({ field: `media_url.${i}`, message: `${url}: ${got.message}` });
        else if (failures.length === 0) await batch.add(got.value.name, got.value.bytes);
      }
      if (failures.length) throw new AppError('MEDIA_FETCH_FAILED', { errors: failures });
      media.push(...(await batch.commit().catch(rethrowRenamed)).map((u) => u.id));
    } finally {
      await batch.discard();
    }
  }

  const title = attrs.title ?? titleFromDescription(description);
  // Without a pin the address has no field of its own in a report: it stays with the reporter's words.
  const text = !hasLat && address ? `${description}\n\nĐịa chỉ: ${address}` : description;
  const result = await submitReport(
    ctx,
    actor,
    {
      kind: service.kind,
      categoryCode: service.categoryCode,
      title,
      description: text,
      ...(hasLat && hasLong ? { place: { lat: form.lat as number, lng: form.long as number, ...(address ? { address } : {}) } } : {}),
      occurredAt: attrs.occurredAt ?? null,
      confidential: attrs.confidential,
      media,
    },
    attrs.externalId ? `open311:${key.id}:${attrs.externalId}` : undefined,
  ).catch(rethrowRenamed);

  if (!result.replayed) {
    const contact =
      key.kind === 'organisation' ? ctx.pii.encrypt(JSON.stringify({ firstName: form.first_name?.trim() ?? '', lastName: form.last_name?.trim() ?? '', email, phone })) : null;
    await unitOfWork(ctx, { id: actor.userId, role: 'citizen', agencyId: null }, async (w) => {
      await insertOpen311Submission(w.tx, {
        report_id: result.bundle.report.id,
        key_id: key.id,
        device_id: form.device_id?.trim().slice(0, 200) || null,
        attributes: JSON.stringify(attrs.kept),
        contact_enc: contact,
        created_at: w.now,
      });
      // On the key's trail, not the report's: the report's own events are its public timeline.
      await w.audit({ action: 'open311.request', subjectType: INTEGRATION_KEY_SUBJECT, subjectId: key.id, payload: { report: result.bundle.report.code, media: media.length } });
    });
  }
  return result;
}
