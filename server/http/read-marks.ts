/**
 * "Mark read" requests of the inboxes (notifications, alerts): everything up to one item (`upTo`), or some items
 * (`ids`) — exactly one of the two.
 */
import { Type } from 'typebox';
import { invalid } from '../domain/errors.ts';

export function readMarksBody(maxIds: number) {
  return Type.Object(
    {
      upTo: Type.Optional(Type.String({ format: 'uuid', description: 'Mọi mục đến hết mục này (kể cả nó)' })),
      ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: maxIds, description: 'Từng mục' })),
    },
    { additionalProperties: false },
  );
}

/** Which items the request marks; 400 unless exactly one of `upTo` and `ids` is given. */
export function readMarksOf(body: { upTo?: string; ids?: string[] }): { upTo: string } | { ids: string[] } {
  if ((body.upTo === undefined) === (body.ids === undefined)) throw invalid([{ field: 'body', message: 'Gửi một trong hai: upTo (mã một mục) hoặc ids (danh sách mã)' }]);
  return body.upTo !== undefined ? { upTo: body.upTo } : { ids: body.ids! };
}
