// Kysely table types for migrations of the units module (snake_case columns, as in SQL).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the units tables are added
export interface UnitsTables {}
