/**
 * Working-calendar benchmark: deadline additions per second for 4 WH, 7 WD and 30 WD with the prefix-sum
 * implementation (server/domain/calendar) and, in the same run, with a naive minute-walking baseline written
 * here. Both are checked to give identical results on a sample before anything is timed.
 *
 *   node --import tsx bench/calendar/calendar.bench.ts [--quick]
 *
 * `run({ quick })` is exported for a bench/run.ts driver. Quick mode finishes in a few seconds; full mode in
 * well under a minute. Target: ≥ 1,000,000 additions/s for 30 WD on one core.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  addWorkingTime,
  buildWorkingCalendar,
  formatVietnamTime,
  parseCalendarDefinition,
  workingTimeBetween,
  type CalendarDefinition,
  type WorkingAmount,
  type WorkingCalendar,
} from '../../server/domain/calendar/index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000; // Asia/Ho_Chi_Minh, fixed since 1975

function loadDefinition(): CalendarDefinition {
  const file = new URL('../../data/calendar/vn-civil-service-calendar.json', import.meta.url);
  const parsed = parseCalendarDefinition(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`calendar data invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.calendar;
}

/**
 * The baseline: walk one minute at a time from the start, counting the minutes that are working time, until the
 * amount is used up. It reads the definition directly (sets of dates), sharing no code with the fast version.
 * Whole-minute starts only, which is all the samples use.
 */
function naiveAdder(def: CalendarDefinition): (from: Date, amount: WorkingAmount) => Date {
  const off = new Set<string>();
  const extra = new Set<string>();
  for (const y of Object.values(def.years)) {
    for (const o of y.offDays) off.add(o.date);
    for (const p of y.pending ?? []) if (p.enabled) off.add(p.date);
    for (const e of y.extraWorkDays) extra.add(e.date);
  }
  const restDays = new Set(def.weeklyRest.map((d) => ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'].indexOf(d)));
  const intervals = def.workingIntervals.map(([s, e]) => {
    const [sh, sm] = s.split(':').map(Number) as [number, number];
    const [eh, em] = e.split(':').map(Number) as [number, number];
    return [sh * 60 + sm, eh * 60 + em] as const;
  });
  const minutesPerDay = def.hoursPerWorkingDay * 60;
  return (from, amount) => {
    let left = 'hours' in amount ? amount.hours * 60 : amount.days * minutesPerDay;
    let ms = from.getTime();
    let currentDay = Number.NaN;
    let workingDay = false;
    while (left > 0) {
      const local = ms + VN_OFFSET;
      const day = Math.floor(local / DAY);
      if (day !== currentDay) {
        currentDay = day;
        const d = new Date(day * DAY);
        const iso = d.toISOString().slice(0, 10);
        workingDay = !off.has(iso) && (extra.has(iso) || !restDays.has(d.getUTCDay()));
      }
      if (workingDay) {
        const minuteOfDay = Math.floor((local - day * DAY) / MINUTE);
        for (const [s, e] of intervals) {
          if (minuteOfDay >= s && minuteOfDay < e) {
            left--;
            break;
          }
        }
      }
      ms += MINUTE;
    }
    return new Date(ms);
  };
}

/** Deterministic samples (mulberry32) so runs are comparable. */
function sampleStarts(count: number, fromMs: number, toMs: number, seed = 20260105): Date[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const minutes = (toMs - fromMs) / MINUTE;
  return Array.from({ length: count }, () => new Date(fromMs + Math.floor(random() * minutes) * MINUTE));
}

/** Runs `op` over the samples, round after round, for at least `budgetMs`; returns operations per second. */
function measure(samples: readonly Date[], op: (from: Date, index: number) => number, budgetMs: number): number {
  let ops = 0;
  let sink = 0; // keeps the results alive so the work cannot be optimised away
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < samples.length; i++) sink += op(samples[i] as Date, i);
    ops += samples.length;
    elapsed = performance.now() - started;
  } while (elapsed < budgetMs);
  if (Number.isNaN(sink)) console.log(sink);
  return (ops / elapsed) * 1000;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(12);

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const def = loadDefinition();
  const cal: WorkingCalendar = buildWorkingCalendar(def);
  const naive = naiveAdder(def);
  // Starts in 2025-01-01 … 2027-06-30 so that + 30 WD stays inside the covered years.
  const from = Date.parse('2025-01-01T00:00:00+07:00');
  const to = Date.parse('2027-06-30T00:00:00+07:00');
  const fastBudget = opts.quick ? 400 : 2000;
  const naiveBudget = opts.quick ? 400 : 3000;
  const checks = opts.quick ? 300 : 2000;
  const cases: { label: string; amount: WorkingAmount }[] = [
    { label: '4 WH ', amount: { hours: 4 } },
    { label: '7 WD ', amount: { days: 7 } },
    { label: '30 WD', amount: { days: 30 } },
  ];

  const lines: string[] = [`working calendar ${cal.firstYear}–${cal.lastYear}, ${cal.dayCount} days; ${opts.quick ? 'quick' : 'full'} mode`];
  let thirty = 0;
  for (const { label, amount } of cases) {
    const checkSamples = sampleStarts(checks, from, to, 7);
    for (const s of checkSamples) {
      const a = addWorkingTime(cal, s, amount).getTime();
      const b = naive(s, amount).getTime();
      if (a !== b) {
        throw new Error(`${label.trim()} from ${formatVietnamTime(s)}: fast ${formatVietnamTime(new Date(a))} ≠ naive ${formatVietnamTime(new Date(b))}`);
      }
    }
    const samples = sampleStarts(10_000, from, to);
    const fast = measure(samples, (s) => addWorkingTime(cal, s, amount).getTime(), fastBudget);
    const slow = measure(samples.slice(0, 200), (s) => naive(s, amount).getTime(), naiveBudget);
    if (label.startsWith('30')) thirty = fast;
    lines.push(`add ${label}  prefix-sum ${fmt(fast)} /s   minute-walk ${fmt(slow)} /s   ×${Math.round(fast / slow).toLocaleString('en-US')}   (${checks} results identical)`);
  }
  const ends = sampleStarts(10_000, from, to, 11);
  const between = measure(sampleStarts(10_000, from, to, 13), (s, i) => workingTimeBetween(cal, s, ends[i] as Date), fastBudget);
  lines.push(`workingTimeBetween   ${fmt(between)} /s`);
  lines.push(`target ≥ 1,000,000 additions/s for 30 WD: ${thirty >= 1_000_000 ? 'met' : 'NOT MET'} (${fmt(thirty).trim()} /s)`);
  return { name: 'calendar', lines };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const { name, lines } = await run({ quick });
  console.log(`# ${name}`);
  for (const line of lines) console.log(line);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
