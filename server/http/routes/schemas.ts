/**
 * Schema pieces every route file uses: objects that refuse unknown fields, and the paging of a list (limit,
 * offset). Open311's paging is the spec's own (open311.routes.ts).
 */
import { Type } from 'typebox';

export const Strict = { additionalProperties: false } as const;

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
};
