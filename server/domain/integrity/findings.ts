/**
 * Intake integrity (issue 5, R-6.1, R-6.2, R-5.1, R-5.2, R-1.3, R-8.4): every check produces findings, never
 * verdicts. A finding says what was seen, how sure the check is, the evidence, and (when it matches one) the
 * other report; the receiving officer decides, beside the Art. 6.2 reasons it supports.
 */
import type { RejectReason } from '../workflow/index.ts';

export const FINDING_CHECKS = {
  // media (R-6.2c, R-6.1b)
  duplicate_media_exact: 'Ảnh/video trùng khớp tuyệt đối với phản ánh trước của người khác',
  duplicate_media_near: 'Ảnh gần giống ảnh trong phản ánh trước của người khác',
  own_media_again: 'Ảnh/video người này đã gửi trong phản ánh trước (phản ánh tiếp, không phải vi phạm)',
  known_public_image: 'Ảnh trùng với ảnh công khai đã biết (Internet, báo chí)',
  video_not_checked: 'Video chưa được kiểm tra trùng lặp',
  edited_photo: 'Dấu hiệu ảnh đã qua phần mềm chỉnh sửa',
  no_camera_metadata: 'Ảnh không có thông tin máy ảnh',
  screenshot: 'Ảnh chụp màn hình',
  photo_time_far: 'Thời điểm chụp khác xa thời điểm phản ánh',
  photo_place_far: 'Vị trí chụp ảnh xa vị trí phản ánh',
  // text (R-6.2c, R-6.2e, R-5.2, R-1.3, R-5.1)
  duplicate_text: 'Nội dung gần trùng với phản ánh trước của người khác',
  nearby_report: 'Phản ánh cùng lĩnh vực đang xử lý gần đó (250 m, 30 ngày)',
  advertising: 'Dấu hiệu quảng cáo',
  abusive: 'Ngôn từ thiếu văn hóa, xúc phạm',
  out_of_scope: 'Có thể là khiếu nại, tố cáo (ngoài phạm vi iHanoi)',
  not_vietnamese: 'Không viết bằng tiếng Việt',
  // suggestions for the officer
  urgent_suggested: 'Đề xuất phân loại khẩn',
  complex_suggested: 'Đề xuất phân loại phức tạp',
} as const;

export type FindingCheck = keyof typeof FINDING_CHECKS;

/** The Art. 6.2 reason a finding supports, if any (the officer still chooses). */
export const FINDING_REASON: Partial<Record<FindingCheck, RejectReason>> = {
  duplicate_media_exact: 'c',
  duplicate_media_near: 'c',
  known_public_image: 'c',
  duplicate_text: 'c',
  edited_photo: 'b',
  advertising: 'e',
  abusive: 'a',
  not_vietnamese: 'a',
};

export interface Finding {
  check: FindingCheck;
  /** 0–1: how sure the check is (1 = certain, e.g. the same bytes). */
  confidence: number;
  /** For the officer, in Vietnamese: what was seen ("Phần mềm: Adobe Photoshop 25.0"). */
  summary: string;
  /** Machine-readable evidence (matched words, distances, EXIF fields…); never identity data. */
  evidence: Record<string, unknown>;
  /** The other report it matches, when there is one. */
  matchedReportId?: string | null | undefined;
  /** The upload it is about, for media checks. */
  uploadId?: string | null | undefined;
}
