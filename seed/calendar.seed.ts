/**
 * The working calendar's first version, from data/calendar/vn-civil-service-calendar.json (sources and caveats
 * in its README). Later versions are administrators' edits; the file is never re-applied over them.
 */
import { readFileSync } from 'node:fs';
import type { AppContext } from '../server/app/context.ts';
import { SYSTEM_ACTOR, unitOfWork } from '../server/app/unit-of-work.ts';
import { parseCalendarDefinition, type CalendarDefinition } from '../server/domain/calendar/index.ts';
import { insertCalendarVersion, latestCalendarVersionId } from '../server/db/repos/calendar.repo.ts';
import { PROJECT_ROOT_URL } from '../server/paths.ts';

const CALENDAR_FILE = new URL('data/calendar/vn-civil-service-calendar.json', PROJECT_ROOT_URL);

export function bundledCalendar(): CalendarDefinition {
  const checked = parseCalendarDefinition(JSON.parse(readFileSync(CALENDAR_FILE, 'utf8')));
  if (!checked.ok) throw new Error(`data/calendar is not a valid calendar: ${checked.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  return checked.calendar;
}

export async function seedCalendar(ctx: AppContext): Promise<string | null> {
  const definition = bundledCalendar();
  return unitOfWork(ctx, SYSTEM_ACTOR, async (w) => {
    if ((await latestCalendarVersionId(w.tx)) !== null) return null;
    await insertCalendarVersion(w.tx, { id: 1, definition, note: 'Lịch gốc: data/calendar/vn-civil-service-calendar.json', createdAt: w.now, createdBy: null });
    const years = Object.entries(definition.years).map(([y, v]) => `${y} ${v.status === 'final' ? 'đã công bố' : 'tạm tính'}`);
    await w.audit({ action: 'reference.calendar.load', subjectType: 'calendar', subjectId: 'version-1', toState: '1', payload: { years } });
    return `working calendar version 1: ${Object.entries(definition.years).map(([y, v]) => `${y} (${v.status})`).join(', ')}`;
  });
}
