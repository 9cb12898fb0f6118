/**
 * Turns Ajv's schema errors into field-level problems with Vietnamese (or English) messages, so that every
 * bad input is named and explained — all of them, not just the first (Ajv runs with allErrors).
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import type { FieldProblem } from '../domain/errors.ts';
import type { Lang } from './problem.ts';

type P = Record<string, unknown>;

const messages: Record<string, (p: P, lang: Lang) => string> = {
  required: (p, l) => (l === 'vi' ? `Thiếu trường bắt buộc "${String(p.missingProperty)}"` : `"${String(p.missingProperty)}" is required`),
  additionalProperties: (p, l) =>
    l === 'vi' ? `Trường "${String(p.additionalProperty)}" không được chấp nhận` : `Unknown field "${String(p.additionalProperty)}"`,
  type: (p, l) => (l === 'vi' ? `Phải có kiểu ${String(p.type)}` : `Must be of type ${String(p.type)}`),
  minimum: (p, l) => (l === 'vi' ? `Phải lớn hơn hoặc bằng ${String(p.limit)}` : `Must be >= ${String(p.limit)}`),
  maximum: (p, l) => (l === 'vi' ? `Phải nhỏ hơn hoặc bằng ${String(p.limit)}` : `Must be <= ${String(p.limit)}`),
  exclusiveMinimum: (p, l) => (l === 'vi' ? `Phải lớn hơn ${String(p.limit)}` : `Must be > ${String(p.limit)}`),
  exclusiveMaximum: (p, l) => (l === 'vi' ? `Phải nhỏ hơn ${String(p.limit)}` : `Must be < ${String(p.limit)}`),
  minLength: (p, l) => (l === 'vi' ? `Phải có ít nhất ${String(p.limit)} ký tự` : `Must have at least ${String(p.limit)} characters`),
  maxLength: (p, l) => (l === 'vi' ? `Không được quá ${String(p.limit)} ký tự` : `Must have at most ${String(p.limit)} characters`),
  minItems: (p, l) => (l === 'vi' ? `Phải có ít nhất ${String(p.limit)} phần tử` : `Must have at least ${String(p.limit)} items`),
  maxItems: (p, l) => (l === 'vi' ? `Không được quá ${String(p.limit)} phần tử` : `Must have at most ${String(p.limit)} items`),
  pattern: (_p, l) => (l === 'vi' ? 'Không đúng định dạng' : 'Has the wrong format'),
  format: (p, l) => (l === 'vi' ? `Không đúng định dạng ${String(p.format)}` : `Must be a valid ${String(p.format)}`),
  enum: (p, l) =>
    l === 'vi'
      ? `Phải là một trong: ${(p.allowedValues as unknown[]).join(', ')}`
      : `Must be one of: ${(p.allowedValues as unknown[]).join(', ')}`,
  const: (p, l) => (l === 'vi' ? `Phải bằng ${JSON.stringify(p.allowedValue)}` : `Must equal ${JSON.stringify(p.allowedValue)}`),
};

export function fieldProblems(
  errors: FastifySchemaValidationError[],
  context: string,
  lang: Lang,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const seen = new Set<string>();
  // A nullable value (`T | null`) that is not a valid T fails both branches: "must be null" says nothing useful
  // beside what is wrong with it as a T, so it is left out whenever the other branch named a problem there.
  const nullBranch = (e: FastifySchemaValidationError) => e.keyword === 'type' && (e.params as P).type === 'null' && /\/(anyOf|oneOf)\//.test(e.schemaPath);
  const named = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !nullBranch(e)).map((e) => e.instancePath);
  for (const e of errors) {
    if (nullBranch(e) && named.some((p) => p === e.instancePath || p.startsWith(`${e.instancePath}/`))) continue;
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const params = e.params as P;
    const leaf =
      e.keyword === 'required'
        ? String(params.missingProperty)
        : e.keyword === 'additionalProperties'
          ? String(params.additionalProperty)
          : '';
    const field = [context, path, leaf].filter(Boolean).join('.');
    // anyOf/oneOf branches repeat the same complaint; keep the clearest one per field.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const make = messages[e.keyword];
    const message = make ? make(params, lang) : (e.message ?? e.keyword);
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, message });
    }
  }
  if (out.length === 0 && errors.length > 0) {
    out.push({ field: context, message: lang === 'vi' ? 'Giá trị không hợp lệ' : 'Invalid value' });
  }
  return out;
}

/**
 * Values that pass the schemas but that no query can carry (found by reliability/fuzz.int.test.ts, each a 500):
 * Ajv 8 coerces a query or path value such as "1e309" or "Infinity" to Infinity for an integer or number and then
 * skips `minimum`/`maximum` (they apply to finite numbers only); and PostgreSQL text cannot hold NUL (U+0000:
 * "invalid byte sequence for encoding UTF8: 0x00"). Run after validation: the same 400 as any invalid field.
 */
export function unstorableProblems(values: { querystring: unknown; params: unknown; body: unknown }, lang: Lang): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: [string, unknown][] = Object.entries(values);
  while (stack.length && problems.length < 20) {
    const [field, v] = stack.pop() as [string, unknown];
    if (typeof v === 'number' && !Number.isFinite(v)) problems.push({ field, message: lang === 'en' ? 'Must be a finite number' : 'Phải là một số hữu hạn' });
    else if (typeof v === 'string' && v.includes('\u0000')) problems.push({ field, message: lang === 'en' ? 'Must not contain the NUL character (U+0000)' : 'Không được chứa ký tự NUL (U+0000)' });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([`${field}.${k}`, x]);
  }
  return problems;
}
