/**
 * The states of a reception session and of a booking, the booking's workflow — which action leads from which
 * states to which, and who takes it — and the codes with their Vietnamese labels: why a
 * booking is declined and where to go instead, the categories of matters. Import-free, so that the web app offers
 * an officer exactly the actions the server allows and names the codes as the server does, without bundling the
 * domain (web/src/pages/staff/reception-shared.tsx, web/src/i18n/labels.ts).
 */
export const SESSION_KINDS = ['regular', 'extra'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATES = ['scheduled', 'cancelled', 'needs_rescheduling'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const BOOKING_STATES = ['requested', 'info_requested', 'accepted', 'declined', 'cancelled', 'checked_in', 'completed', 'no_show'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

/** A booking in these states is "open": it holds a seat and is the one open booking of its matter. */
export const OPEN_BOOKING_STATES: readonly BookingState[] = ['requested', 'info_requested', 'accepted', 'checked_in'];
/** States that hold a seat of the session (a declined or cancelled booking gives it back). */
export const SEAT_HOLDING_STATES: readonly BookingState[] = ['requested', 'info_requested', 'accepted', 'checked_in', 'completed', 'no_show'];

export const BOOKING_ACTIONS = ['accept', 'requestInfo', 'answerInfo', 'decline', 'cancel', 'checkIn', 'complete', 'noShow', 'sessionCancelled'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];
/** The Board's officers' actions (the staff endpoint). */
export const OFFICER_ACTIONS = ['accept', 'requestInfo', 'decline', 'checkIn', 'complete', 'noShow'] as const satisfies readonly BookingAction[];
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

interface Transition {
  from: readonly BookingState[];
  to: BookingState;
  by: 'officer' | 'citizen' | 'system';
  rule: string;
}

/** The booking workflow: from, action, to, who. */
export const BOOKING_TRANSITIONS: Readonly<Record<BookingAction, Transition>> = {
  accept: { from: ['requested'], to: 'accepted', by: 'officer', rule: 'R-5.4' },
  requestInfo: { from: ['requested'], to: 'info_requested', by: 'officer', rule: 'R-5.4' },
  answerInfo: { from: ['info_requested'], to: 'requested', by: 'citizen', rule: 'R-5.4' },
  decline: { from: ['requested', 'info_requested', 'accepted'], to: 'declined', by: 'officer', rule: 'R-1.3' },
  cancel: { from: ['requested', 'info_requested', 'accepted'], to: 'cancelled', by: 'citizen', rule: 'R-5.4' },
  checkIn: { from: ['accepted'], to: 'checked_in', by: 'officer', rule: 'R-5.4' },
  complete: { from: ['checked_in'], to: 'completed', by: 'officer', rule: 'R-4.3' },
  noShow: { from: ['accepted'], to: 'no_show', by: 'officer', rule: 'R-5.4' },
  sessionCancelled: { from: ['requested', 'info_requested', 'accepted'], to: 'cancelled', by: 'system', rule: 'R-5.4' },
};

/** The state after `action`, or null when the booking's state does not allow it. */
export function nextBookingState(state: BookingState, action: BookingAction): BookingState | null {
  const t = BOOKING_TRANSITIONS[action];
  return t.from.includes(state) ? t.to : null;
}

export const holdsSeat = (s: BookingState) => SEAT_HOLDING_STATES.includes(s);

/** Why a booking is declined — data, each with the Vietnamese label and where the citizen should go instead. */
export const DECLINE_REASONS = {
  complaint_procedure: {
    label: 'Nội dung là khiếu nại, tố cáo: giải quyết theo thủ tục khiếu nại, tố cáo (R-1.3)',
    whereToGo:
      'Gửi đơn khiếu nại, tố cáo theo Luật Khiếu nại 2011 và Luật Tố cáo 2018 đến cơ quan có thẩm quyền giải quyết, hoặc nộp tại Trụ sở Tiếp công dân Thành phố (số 1 Trần Hưng Đạo, Hoàn Kiếm) để được hướng dẫn.',
  },
  not_city_authority: {
    label: 'Vụ việc không thuộc thẩm quyền của Chủ tịch UBND Thành phố',
    whereToGo: 'Liên hệ UBND xã, phường nơi phát sinh vụ việc hoặc sở, ngành quản lý lĩnh vực; cán bộ ghi rõ cơ quan có thẩm quyền trong phần giải thích.',
  },
  already_resolved: {
    label: 'Vụ việc đã được cơ quan có thẩm quyền giải quyết đúng quy định',
    whereToGo: 'Thực hiện theo văn bản giải quyết đã có; nếu không đồng ý, thực hiện quyền khởi kiện tại Tòa án theo quy định.',
  },
  other: { label: 'Lý do khác', whereToGo: 'Xem phần giải thích của cán bộ Ban Tiếp công dân.' },
} as const satisfies Record<string, { label: string; whereToGo: string }>;
export type DeclineReason = keyof typeof DECLINE_REASONS;
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as DeclineReason[];

/** Categories of matters brought to the reception (data; Vietnamese labels). */
export const MATTER_CATEGORIES = {
  land: 'Đất đai, bồi thường, giải phóng mặt bằng',
  construction: 'Xây dựng, quy hoạch, đô thị',
  environment: 'Môi trường',
  social_policy: 'Chính sách xã hội, lao động, người có công',
  administrative_procedure: 'Thủ tục hành chính',
  justice: 'Tư pháp, hộ tịch',
  other: 'Lĩnh vực khác',
} as const;
export type MatterCategory = keyof typeof MATTER_CATEGORIES;
export const MATTER_CATEGORY_CODES = Object.keys(MATTER_CATEGORIES) as MatterCategory[];
