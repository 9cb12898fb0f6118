/**
 * A running deadline at a glance: red once overdue, amber with less than half a working day (4 working
 * hours) left, green otherwise, always with words beside the colour. Time left is the server's count of working
 * minutes (deadlines run in working hours: a Friday-evening report is not "late" over the weekend).
 */
import { formatDateTime } from '../../format.ts';
import { nameOf, stageNames } from '../../i18n/labels.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { s, type StaffT } from './strings.ts';

const WORKING_HOUR = 60;
const WORKING_DAY = 8 * WORKING_HOUR;
export const AMBER_BELOW = 4 * WORKING_HOUR;

export type Tone = 'late' | 'warn' | 'ok';

export interface RunningDeadline {
  stage: string;
  due: string | null;
  overdue: boolean;
  /** Working minutes left as the server counted them (negative: overdue by); null beyond the calendar. */
  workingMinutesLeft: number | null;
}

export function toneOf(d: Pick<RunningDeadline, 'overdue' | 'workingMinutesLeft'>): Tone {
  if (d.overdue || (d.workingMinutesLeft !== null && d.workingMinutesLeft <= 0)) return 'late';
  return d.workingMinutesLeft !== null && d.workingMinutesLeft < AMBER_BELOW ? 'warn' : 'ok';
}

export function leftText(t: StaffT, minutes: number): string {
  const abs = Math.abs(minutes);
  const late = minutes <= 0;
  if (abs < WORKING_HOUR) return t(late ? 'overdueMinutes' : 'remainingMinutes', { n: Math.max(1, abs) });
  if (abs < 2 * WORKING_DAY) return t(late ? 'overdueHours' : 'remainingHours', { n: Math.round(abs / WORKING_HOUR) });
  return t(late ? 'overdueDays' : 'remainingDays', { n: Math.round(abs / WORKING_DAY) });
}

/** One deadline: stage, due time, working time left, coloured. */
export function DeadlineBadge({ deadline }: { deadline: RunningDeadline }) {
  const t = useT(s);
  const lang = useLang();
  const tone = toneOf(deadline);
  return (
    <span className="staff-deadline">
      <span className={`badge ${tone}`}>
        {tone === 'late' ? '⚠ ' : ''}
        {deadline.workingMinutesLeft === null ? (tone === 'late' ? t('deadlineOverdue') : t('deadlineRunning')) : leftText(t, deadline.workingMinutesLeft)}
      </span>{' '}
      <span className="small">
        {nameOf(stageNames, lang, deadline.stage)} · {t('dueAt', { due: formatDateTime(deadline.due) })}
      </span>
    </span>
  );
}
