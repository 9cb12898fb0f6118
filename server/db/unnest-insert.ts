/**
 * Many rows in a statement whose text does not depend on how many (ADR 0013): one array parameter per column,
 * `INSERT INTO t (a, b) SELECT a, b FROM unnest($1::uuid[], $2::text[]) AS x(a, b)`. A text that never varies
 * is written once and can be prepared: parsed and planned once per connection instead of once per statement.
 */

/**
 * Every column written, with its PostgreSQL type (`uuid`, `text`, `timestamptz`, `integer[]` …). A column a row
 * leaves out is written NULL, so the columns the database fills itself (defaults) are not listed.
 */
export type ColumnTypes<Row> = { readonly [K in keyof Row]-?: string };

export interface UnnestInsert<Row> {
  /** The statement, its parameters numbered from `$first`. */
  text(first: number): string;
  /** How many parameters it takes: one per column. */
  readonly width: number;
  /** The parameters for `rows`, in the order of the text. */
  values(rows: readonly Row[]): unknown[];
}

/**
 * The INSERT into `table` of any number of rows. Array-typed columns (`integer[]`) take number arrays: they
 * travel as array literals, since unnest would flatten an array of arrays.
 */
export function unnestInsert<Row extends object>(table: string, columns: ColumnTypes<Row>): UnnestInsert<Row> {
  const cols = Object.entries(columns) as [keyof Row & string, string][];
  const names = cols.map(([name]) => `"${name}"`).join(', ');
  const isArray = (type: string) => type.endsWith('[]');
  return {
    width: cols.length,
    text: (first) =>
      `INSERT INTO "${table}" (${names}) SELECT ${cols.map(([name, type]) => (isArray(type) ? `"${name}"::${type}` : `"${name}"`)).join(', ')}` +
      ` FROM unnest(${cols.map(([, type], i) => `$${first + i}::${isArray(type) ? 'text' : type}[]`).join(', ')}) AS x(${names})`,
    values: (rows) =>
      cols.map(([name, type]) =>
        rows.map((r) => {
          const v = r[name] ?? null;
          return v !== null && isArray(type) ? `{${(v as number[]).join(',')}}` : v;
        }),
      ),
  };
}
