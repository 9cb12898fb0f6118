/**
 * A provisional year derived from the law alone, for when the government has not announced the schedule yet
 * (it is announced late: the 02/01/2026 swap was approved on 25/12/2025) — deadlines must still be computable.
 *
 * Labour Code 2019 (Bộ luật Lao động 45/2019/QH14):
 * - Art. 112(1): 1/1; Tết 5 days (placed by the Prime Minister); Giỗ Tổ 10/3 âm lịch; 30/4; 1/5; 2/9 plus one
 *   adjacent day (1/9 or 3/9).
 * - Art. 111(3): a holiday that falls on a weekly rest day gives a compensatory day on the next working day.
 *
 * Choices where the law leaves it to the government (each repeated in `warnings` for administrators):
 * - Tết: the working days among the seven days from two days before mùng 1 to mùng 5 — always five days with a
 *   Sat/Sun rest, always including the eve (or the weekend before it). This reproduces the announced 2025 and 2026
 *   blocks and the data file's 2027 ("28 Chạp – mùng 5"). No compensatory days: the block is already made of
 *   working days, which is how the five days are placed in practice.
 * - 2/9: the adjacent day is 3/9 when 2/9 is a Monday or a Thursday (so the break joins the weekend and no
 *   compensatory day is needed — 2021, 2024), otherwise 1/9 (2022, 2023, 2025, 2026).
 * - Like the data file's provisional 2027, only days that change the arithmetic are listed: a holiday on a
 *   weekly rest day is not listed itself; its compensatory day is, with the reason naming it.
 * - Swaps with make-up Saturdays are never guessed (`extraWorkDays` is empty).
 */
import type { CalendarDefinition, CalendarYear, OffDay, PendingOffDay } from './calendar-definition.ts';
import { daysFromCivil, formatIsoDate, weekdayOf, type Weekday } from './civil-time.ts';
import { LUNAR_TABLE_LAST_YEAR, lunarHolidays } from './lunar.ts';

export interface ProvisionalYear extends CalendarYear {
  status: 'provisional';
  warnings: string[];
}

/** Proposals known to be under discussion; generated as `pending` (not in force) so administrators see them. */
const KNOWN_PROPOSALS: readonly { month: number; day: number; reason: string }[] = [
  { month: 11, day: 24, reason: 'Ngày Văn hóa Việt Nam — chưa có hiệu lực pháp luật' },
];

const WEEKDAY_NAMES_VI: Record<Weekday, string> = {
  MON: 'thứ Hai',
  TUE: 'thứ Ba',
  WED: 'thứ Tư',
  THU: 'thứ Năm',
  FRI: 'thứ Sáu',
  SAT: 'thứ Bảy',
  SUN: 'Chủ nhật',
};

interface Holiday {
  day: number;
  /** Name used in a compensatory day's reason. */
  name: string;
  reason: string;
}

const ddmm = (epochDay: number): string => {
  const iso = formatIsoDate(epochDay);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
};

/**
 * Builds the provisional schedule of `year` from Labour Code 2019 Art. 111(3) and 112. `weeklyRest` defaults to
 * Saturday and Sunday (the civil service's 40-hour week).
 */
export function generateProvisionalYear(year: number, options: { weeklyRest?: readonly Weekday[] } = {}): ProvisionalYear {
  const rest = new Set<Weekday>(options.weeklyRest ?? ['SAT', 'SUN']);
  const isRest = (day: number): boolean => rest.has(weekdayOf(day));
  const lunar = lunarHolidays(year);
  const tet = daysFromCivil(year, Number(lunar.tet.slice(5, 7)), Number(lunar.tet.slice(8, 10)));
  const gioTo = daysFromCivil(year, Number(lunar.gioTo.slice(5, 7)), Number(lunar.gioTo.slice(8, 10)));
  const sep2 = daysFromCivil(year, 9, 2);
  const sep2Weekday = weekdayOf(sep2);
  const adjacent = sep2Weekday === 'MON' || sep2Weekday === 'THU' ? sep2 + 1 : sep2 - 1;

  // Tết − 2 is 28 Chạp after a 29-day Chạp, 29 Chạp after a 30-day one.
  const tetStartLabel = `${lunar.chapDays - 1} Chạp`;
  const tetReason = `Tết Nguyên Đán ${lunar.canChi} (tạm tính: ${tetStartLabel} – mùng 5)`;
  const tetBlock: number[] = [];
  for (let d = tet - 2; d <= tet + 4; d++) if (!isRest(d)) tetBlock.push(d);

  const holidays: Holiday[] = [
    { day: daysFromCivil(year, 1, 1), name: 'Tết Dương lịch', reason: 'Tết Dương lịch' },
    { day: gioTo, name: 'Giỗ Tổ Hùng Vương', reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { day: daysFromCivil(year, 4, 30), name: 'Ngày Chiến thắng', reason: 'Ngày Chiến thắng' },
    { day: daysFromCivil(year, 5, 1), name: 'Quốc tế Lao động', reason: 'Quốc tế Lao động' },
    { day: Math.min(sep2, adjacent), name: 'Quốc khánh', reason: 'Quốc khánh (ngày liền kề tạm tính)' },
    { day: Math.max(sep2, adjacent), name: 'Quốc khánh', reason: 'Quốc khánh (ngày liền kề tạm tính)' },
  ].sort((a, b) => a.day - b.day);

  const warnings: string[] = [
    `Lịch năm ${year} là lịch TẠM TÍNH, suy ra từ Bộ luật Lao động 2019 Điều 111(3), 112; cần thay bằng lịch nghỉ chính thức khi Chính phủ công bố (kể cả hoán đổi ngày làm việc và ngày làm bù). Các thời hạn rơi vào năm này phải được tính lại khi đó.`,
    `Tết Nguyên Đán ${lunar.canChi}: tạm tính 5 ngày làm việc từ ${tetStartLabel} (${formatIsoDate(tet - 2)}) đến mùng 5 (${formatIsoDate(tet + 4)}); Thủ tướng quyết định lịch nghỉ chính thức.`,
    `Quốc khánh: ngày liền kề tạm tính là ${formatIsoDate(adjacent)} (${WEEKDAY_NAMES_VI[weekdayOf(adjacent)]}).`,
  ];

  const offDays: OffDay[] = tetBlock.map((day) => ({ date: formatIsoDate(day), reason: tetReason, kind: 'holiday' }));
  const taken = new Set<number>(tetBlock);
  for (const h of holidays) {
    if (taken.has(h.day)) {
      // Two holidays on one day (e.g. Giỗ Tổ on 30/4): the law does not say whether a day is owed; keep one, tell a person.
      warnings.push(`${formatIsoDate(h.day)}: ${h.reason} trùng với một ngày nghỉ khác; cần xem xét ngày nghỉ bù.`);
      continue;
    }
    taken.add(h.day);
    if (!isRest(h.day)) offDays.push({ date: formatIsoDate(h.day), reason: h.reason, kind: 'holiday' });
  }
  // Compensatory days after all holidays are placed, so that one never lands on another holiday.
  for (const h of holidays) {
    if (!isRest(h.day)) continue;
    let d = h.day + 1;
    while (isRest(d) || taken.has(d)) d++;
    taken.add(d);
    offDays.push({
      date: formatIsoDate(d),
      reason: `nghỉ bù ${h.name} (${ddmm(h.day)} là ${WEEKDAY_NAMES_VI[weekdayOf(h.day)]})`,
      kind: 'compensatory',
    });
  }
  offDays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const pending: PendingOffDay[] = KNOWN_PROPOSALS.map((p) => ({
    date: formatIsoDate(daysFromCivil(year, p.month, p.day)),
    reason: p.reason,
    enabled: false,
  }));

  return {
    status: 'provisional',
    offDays,
    extraWorkDays: [],
    pending,
    sources: ['Bộ luật Lao động 2019 Điều 111(3), 112 — not yet announced'],
    warnings,
  };
}

/**
 * The definition with a generated provisional year for every year after its last one, through `throughYear`
 * (at most the end of the lunar table). Deadlines near the end of an announced year must still be computable;
 * they are flagged provisional and recomputed when the real schedule is entered.
 */
export function withProvisionalYears(def: CalendarDefinition, throughYear: number = LUNAR_TABLE_LAST_YEAR): CalendarDefinition {
  const years = Object.keys(def.years).map(Number);
  const last = Math.max(...years);
  const through = Math.min(throughYear, LUNAR_TABLE_LAST_YEAR);
  if (last >= through) return def;
  const extended: Record<string, CalendarYear> = { ...def.years };
  for (let y = last + 1; y <= through; y++) extended[String(y)] = generateProvisionalYear(y, { weeklyRest: def.weeklyRest });
  return { ...def, years: extended };
}
