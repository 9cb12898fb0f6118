/**
 * Many rows in a statement whose text does not depend on how many (ADR 0013): the rows travel as one JSON
 * parameter, `INSERT INTO t (a, b) SELECT a, b FROM json_to_recordset($1::json) AS x(a uuid, b text)`. A text
 * that never varies is written once and can be prepared: parsed and planned once per connection instead of once
 * per statement; and the rows are serialised by the engine's JSON.stringify instead of value by value.
 */

/**
 * Every column written, with its PostgreSQL type (`uuid`, `text`, `timestamptz`, `integer[]`, `jsonb` …). A
 * column a row leaves out is written NULL, so a row must give every column without a NULL default.
 */
export type ColumnTypes<Row> = { readonly [K in keyof Row]-?: string };

export interface RecordsetInsert<Row> {
  /** The statement, its rows in parameter `$param`. */
  text(param: number): string;
  /** The parameter for `rows`. */
  value(rows: readonly Row[]): string;
}

/**
 * The INSERT into `table` of any number of rows. In the rows, a `bytea` column holds bytes and a `jsonb`
 * column a value or its JSON text; timestamps are Dates or ISO 8601 strings.
 */
export function recordsetInsert<Row extends object>(table: string, columns: ColumnTypes<Row>): RecordsetInsert<Row> {
  const cols = Object.entries(columns) as [keyof Row & string, string][];
  const names = cols.map(([name]) => `"${name}"`).join(', ');
  const bytes = cols.filter(([, type]) => type === 'bytea').map(([name]) => name);
  const json = cols.filter(([, type]) => type === 'jsonb').map(([name]) => name);
  // JSON has no bytes, and JSON text given as a string would be stored as a JSON string: those values are
  // converted (in a copy of the row, made only when one needs it).
  const travelling = (row: Row): unknown => {
    let out: Record<string, unknown> | null = null;
    for (const name of bytes) {
      const v = row[name];
      if (v instanceof Uint8Array) (out ??= { ...(row as Record<string, unknown>) })[name] = `\\x${Buffer.from(v).toString('hex')}`;
    }
    for (const name of json) {
      const v = row[name];
      if (typeof v === 'string') (out ??= { ...(row as Record<string, unknown>) })[name] = JSON.parse(v);
    }
    return out ?? row;
  };
  return {
    text: (param) =>
      `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($${param}::json) AS x(${cols.map(([name, type]) => `"${name}" ${type}`).join(', ')})`,
    value: (rows) => JSON.stringify(rows.map(travelling)),
  };
}
