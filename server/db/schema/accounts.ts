// Kysely table types for migrations of the accounts module (snake_case columns, as in SQL).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the accounts tables are added
export interface AccountsTables {}
