// The working calendar's public surface (DESIGN: a module's public surface is its index.ts). Pure: no I/O, no clock.
export * from './calendar-definition.ts';
export * from './civil-time.ts';
export * from './clarification.ts';
export * from './deadlines.ts';
export * from './deadline-words.ts';
export * from './lunar.ts';
export * from './policies.ts';
export * from './provisional-year.ts';
export {
  CalendarRangeError,
  buildWorkingCalendar,
  describeDay,
  isWorkingDay,
  isWorkingTime,
  type DayInfo,
  type DayKind,
  type WorkingCalendar,
} from './working-calendar.ts';
