/**
 * A running deadline at a glance: red once overdue, amber with less than 4 hours left, green otherwise,
 * always with words beside the colour. Time left is counted on the clock from `due` (the server computed `due`
 * itself on the working calendar).
 */
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../format.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { STAGE_LABELS, pick, s, type StaffT } from './strings.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const AMBER_BELOW = 4 * HOUR;

/** Now, refreshed every minute so that colours and "còn … giờ" move on while a screen stays open. */
export function useNow(every = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), every);
    return () => window.clearInterval(id);
  }, [every]);
  return now;
}

export type Tone = 'late' | 'warn' | 'ok';

export function toneOf(due: string, now: number, overdue = false): Tone {
  const left = Date.parse(due) - now;
  if (overdue || left <= 0) return 'late';
  return left < AMBER_BELOW ? 'warn' : 'ok';
}

export function leftText(t: StaffT, due: string, now: number): string {
  const left = Date.parse(due) - now;
  const abs = Math.abs(left);
  const late = left <= 0;
  if (abs < HOUR) return t(late ? 'overdueMinutes' : 'remainingMinutes', { n: Math.max(1, Math.round(abs / MINUTE)) });
  if (abs < 2 * DAY) return t(late ? 'overdueHours' : 'remainingHours', { n: Math.round(abs / HOUR) });
  return t(late ? 'overdueDays' : 'remainingDays', { n: Math.round(abs / DAY) });
}

/** One deadline: stage, due time, time left, coloured. */
export function DeadlineBadge({ stage, due, overdue, now }: { stage: string; due: string; overdue?: boolean; now: number }) {
  const t = useT(s);
  const lang = useLang();
  const tone = toneOf(due, now, overdue);
  return (
    <span className="staff-deadline">
      <span className={`badge ${tone}`}>
        {tone === 'late' ? '⚠ ' : ''}
        {leftText(t, due, now)}
      </span>{' '}
      <span className="small">
        {pick(STAGE_LABELS, lang, stage)} · {t('dueAt', { due: formatDateTime(due) })}
      </span>
    </span>
  );
}
