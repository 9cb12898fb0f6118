/** Schema pieces the oversight routes share: the month pattern, the period of a figures answer. */
import { Type } from 'typebox';
import { Strict } from './schemas.ts';

/** YYYY-MM, a Vietnam civil month. */
export const MONTH = '^\\d{4}-(0[1-9]|1[0-2])$';

/** The period a figures answer covers (summaryPeriod) and the instant its figures hold at. */
export const PERIOD_FIELDS = {
  from: Type.String(),
  to: Type.String(),
  months: Type.Array(Type.String()),
  period: Type.Object({ start: Type.String(), end: Type.String() }, Strict),
  asOf: Type.String(),
};
