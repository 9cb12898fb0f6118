/**
 * The error catalogue: every error the platform can answer with has one code here, with its HTTP status and
 * its Vietnamese and English wording. The HTTP error handler renders them as RFC 9457 problem+json;
 * `docs/errors.md` lists them all (a test keeps the two in step).
 */
export interface FieldProblem {
  /** JSON pointer-ish location, e.g. `body/email` or `query/hours`. */
  field: string;
  message: string;
}

export interface ErrorDefinition {
  status: number;
  vi: string;
  en: string;
}

export const ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is not valid' },
  BAD_REQUEST: { status: 400, vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập', en: 'You need to sign in' },
  INVALID_CREDENTIALS: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
    en: 'Wrong login or password',
  },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You may not do this' },
  IDENTITY_NOT_VERIFIED: {
    status: 403,
    vi: 'Tài khoản chưa được xác thực danh tính',
    en: 'The account has not verified its identity',
  },
  ACCOUNT_SANCTIONED: {
    status: 403,
    vi: 'Tài khoản đang bị tạm dừng gửi phản ánh do vi phạm nhiều lần liên tiếp',
    en: 'The account may not submit reports for now after repeated violations',
  },
  INVALID_API_KEY: {
    status: 403,
    vi: 'Khóa tích hợp (api_key) không có, không đúng hoặc đã bị thu hồi',
    en: 'The api_key is missing, unknown or revoked',
  },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, vi: 'Không có địa chỉ này', en: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  CONFLICT: { status: 409, vi: 'Dữ liệu bị xung đột', en: 'Conflict' },
  ALREADY_EXISTS: { status: 409, vi: 'Đã tồn tại', en: 'Already exists' },
  IDENTITY_VERIFICATION_FAILED: {
    status: 422,
    vi: 'Không xác thực được danh tính với Cơ sở dữ liệu quốc gia về dân cư',
    en: 'Identity could not be verified against the population register',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của phản ánh',
    en: 'This action is not allowed in the current state of the report',
  },
  VERSION_CONFLICT: {
    status: 409,
    vi: 'Phản ánh vừa được người khác cập nhật; vui lòng tải lại và thử lại',
    en: 'The report was changed meanwhile; reload and retry',
  },
  ALERT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của thông báo',
    en: 'This action is not allowed in the current state of the alert',
  },
  ALERT_VERSION_CONFLICT: {
    status: 409,
    vi: 'Thông báo vừa được người khác cập nhật; vui lòng tải lại và thử lại',
    en: 'The alert was changed meanwhile; reload and retry',
  },
  ALERT_REPEATS_HIGHER_LEVEL: {
    status: 409,
    vi: 'Nội dung trùng với thông báo cấp trên đã gửi đến cùng người dân; không gửi lại',
    en: 'A higher level already sent this content to the same residents; it is not sent again',
  },
  RECEPTION_SESSION_FULL: {
    status: 409,
    vi: 'Buổi tiếp đã đủ chỗ',
    en: 'The reception session is full',
  },
  RECEPTION_BOOKING_CLOSED: {
    status: 409,
    vi: 'Đã hết thời hạn đăng ký buổi tiếp này',
    en: 'Booking for this reception session has closed',
  },
  RECEPTION_SESSION_NOT_OPEN: {
    status: 409,
    vi: 'Buổi tiếp đã bị hủy hoặc đang chờ bố trí lại, không nhận đăng ký',
    en: 'The reception session is cancelled or awaiting rescheduling and takes no bookings',
  },
  RECEPTION_MATTER_ALREADY_BOOKED: {
    status: 409,
    vi: 'Vụ việc này đã có một lịch hẹn tiếp công dân đang mở',
    en: 'This matter already has an open reception booking',
  },
  RECEPTION_TRANSITION_NOT_ALLOWED: {
    status: 409,
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của lịch hẹn hoặc buổi tiếp',
    en: 'This action is not allowed in the current state of the booking or session',
  },
  RECEPTION_VERSION_CONFLICT: {
    status: 409,
    vi: 'Lịch hẹn hoặc buổi tiếp vừa được người khác cập nhật; vui lòng tải lại và thử lại',
    en: 'The booking or session was changed meanwhile; reload and retry',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    vi: 'Khóa chống gửi trùng (Idempotency-Key) đã dùng cho một yêu cầu khác',
    en: 'The Idempotency-Key was already used for a different request',
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: 'Kiểu nội dung không được hỗ trợ',
    en: 'Unsupported content type',
  },
  TOO_MANY_FILES: {
    status: 400,
    vi: 'Gửi quá nhiều tệp trong một lần',
    en: 'Too many files in one request',
  },
  CORRUPT_FILE: {
    status: 400,
    vi: 'Tệp bị hỏng, không đầy đủ hoặc rỗng',
    en: 'A file is damaged, incomplete or empty',
  },
  FILE_TOO_LARGE: {
    status: 413,
    vi: 'Tệp vượt quá dung lượng hoặc kích thước cho phép',
    en: 'A file is larger than allowed',
  },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    vi: 'Tệp không phải ảnh hoặc video được chấp nhận',
    en: 'A file is not an accepted photo or video',
  },
  MEDIA_FETCH_FAILED: {
    status: 400,
    vi: 'Không tải được ảnh, video từ địa chỉ media_url',
    en: 'A media_url could not be fetched',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    vi: 'Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau',
    en: 'Too many requests, try again later',
  },
  INTERNAL: {
    status: 500,
    vi: 'Lỗi hệ thống, vui lòng thử lại sau',
    en: 'Internal error, please try again later',
  },
  DATABASE_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau',
    en: 'The database is temporarily unavailable, try again later',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** A domain or application error with a catalogue code. `detail` overrides the generic wording. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: { vi: string; en: string } | undefined;
  readonly errors: FieldProblem[];
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: {
      detail?: { vi: string; en: string };
      errors?: FieldProblem[];
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(options.detail?.en ?? ERRORS[code].en);
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.errors = options.errors ?? [];
    this.extra = options.extra ?? {};
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** Shorthand for a 400 that names one or more fields. */
export function invalid(errors: FieldProblem[]): AppError {
  return new AppError('VALIDATION_FAILED', { errors });
}
