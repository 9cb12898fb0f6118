/**
 * Signs that a photo is not what a field report needs (R-5.2, R-6.1b, R-6.2b): read from what the upload's
 * metadata says, against what the report says. Each sign is a finding with its evidence; none is a verdict —
 * messaging apps strip EXIF, and a phone's clock can be wrong.
 */
import type { Finding } from './findings.ts';

export interface PhotoFacts {
  id: string;
  kind: 'photo' | 'video';
  mime: string;
  width: number | null;
  height: number | null;
  takenAt: Date | null;
  /** EXIF GPS (personal data: only the distance goes into the evidence). */
  gps: { lat: number; lng: number } | null;
  camera: string | null;
  editTools: readonly string[];
}

export interface ReportFacts {
  /** When the reporter says it happened; the submission time when they did not say. */
  occurredAt: Date;
  place: { lat: number; lng: number } | null;
}

/** A photo taken more than this before (or after) the reported time is a sign. */
export const PHOTO_TIME_TOLERANCE_HOURS = 48;
/** A photo taken farther than this from the map pin is a sign. */
export const PHOTO_PLACE_TOLERANCE_METERS = 500;

/** Portrait screen sizes of common phones (width × height in pixels); landscape matches too. */
const PHONE_SCREENS: ReadonlyArray<readonly [number, number]> = [
  [720, 1280], [720, 1520], [720, 1560], [720, 1600], [750, 1334], [828, 1792], [1080, 1920], [1080, 2160], [1080, 2220],
  [1080, 2280], [1080, 2340], [1080, 2400], [1080, 2408], [1080, 2412], [1125, 2436], [1170, 2532], [1179, 2556],
  [1242, 2208], [1242, 2688], [1284, 2778], [1290, 2796], [1440, 2560], [1440, 2960], [1440, 3040], [1440, 3088], [1440, 3200],
];

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The editors a tool name mentions (case-insensitive, as a word or phrase). */
export function editorsIn(tools: readonly string[], editors: readonly string[]): string[] {
  const found = new Map<string, string>();
  for (const tool of tools) {
    const t = ` ${tool.toLowerCase().replace(/[^\p{L}\p{N}.+]+/gu, ' ')} `;
    for (const e of editors) if (t.includes(` ${e.toLowerCase()} `)) found.set(e.toLowerCase(), e);
  }
  // "Photoshop" inside "Adobe Photoshop": keep the longest name only.
  const names = [...found.values()];
  return names.filter((e) => !names.some((o) => o.length > e.length && o.toLowerCase().includes(e.toLowerCase())));
}

export function isPhoneScreenSize(width: number, height: number): boolean {
  const [w, h] = width <= height ? [width, height] : [height, width];
  return PHONE_SCREENS.some(([sw, sh]) => sw === w && sh === h);
}

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

export function photoFindings(photo: PhotoFacts, report: ReportFacts, editors: readonly string[]): Finding[] {
  if (photo.kind !== 'photo') return [];
  const out: Finding[] = [];
  const uploadId = photo.id;
  const editorsFound = editorsIn(photo.editTools, editors);
  if (editorsFound.length)
    out.push({
      check: 'edited_photo',
      confidence: 0.9,
      summary: `Siêu dữ liệu của ảnh ghi phần mềm chỉnh sửa: ${editorsFound.join(', ')}`,
      evidence: { tools: [...photo.editTools], editors: editorsFound },
      uploadId,
    });
  const noCamera = photo.camera === null && photo.takenAt === null;
  const screen = photo.width !== null && photo.height !== null && isPhoneScreenSize(photo.width, photo.height);
  if (noCamera && screen)
    out.push({
      check: 'screenshot',
      confidence: photo.mime === 'image/png' ? 0.8 : 0.6,
      summary: `Ảnh ${photo.width}×${photo.height} đúng kích thước màn hình điện thoại và không có thông tin máy ảnh: có thể là ảnh chụp màn hình`,
      evidence: { width: photo.width, height: photo.height, mime: photo.mime },
      uploadId,
    });
  else if (noCamera)
    out.push({
      check: 'no_camera_metadata',
      // Zalo, Messenger and many apps strip EXIF: common, and weak on its own.
      confidence: 0.3,
      summary: 'Ảnh không có thông tin máy ảnh và thời điểm chụp (có thể đã qua ứng dụng nhắn tin, tải từ Internet hoặc chỉnh sửa)',
      evidence: {},
      uploadId,
    });
  if (photo.takenAt) {
    const gap = photo.takenAt.getTime() - report.occurredAt.getTime();
    if (Math.abs(gap) > PHOTO_TIME_TOLERANCE_HOURS * 3_600_000)
      out.push({
        check: 'photo_time_far',
        confidence: Math.min(0.9, 0.5 + Math.abs(gap) / (30 * 24 * 3_600_000)),
        summary:
          gap < 0
            ? `Ảnh được chụp trước thời điểm phản ánh ${hours(-gap)} giờ`
            : `Ảnh được chụp sau thời điểm phản ánh ${hours(gap)} giờ`,
        evidence: { takenAt: photo.takenAt.toISOString(), occurredAt: report.occurredAt.toISOString(), hours: hours(gap) },
        uploadId,
      });
  }
  if (photo.gps && report.place) {
    const d = distanceMeters(photo.gps, report.place);
    if (d > PHOTO_PLACE_TOLERANCE_METERS)
      out.push({
        check: 'photo_place_far',
        confidence: Math.min(0.9, 0.5 + d / 20_000),
        summary: `Ảnh được chụp cách vị trí phản ánh khoảng ${d >= 1000 ? `${(d / 1000).toFixed(1)} km` : `${Math.round(d)} m`}`,
        // The distance only: the photo's GPS is personal data (R-5.7).
        evidence: { meters: Math.round(d) },
        uploadId,
      });
  }
  return out;
}
