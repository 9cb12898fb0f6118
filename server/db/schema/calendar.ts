// Kysely table types for migrations of the calendar module (snake_case columns, as in SQL).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled as the calendar tables are added
export interface CalendarTables {}
