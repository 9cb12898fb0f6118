/**
 * Administrative units are versioned data: a unit is identified by its structure version and its code,
 * never by a bare code, because Hanoi's 2025 reform reused old commune codes for new units.
 */

export const UNIT_LEVELS = ['city', 'district', 'commune'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Each unit type and the level it belongs to (thành phố; quận/huyện/thị xã; phường/xã/thị trấn). */
export const UNIT_TYPE_LEVEL = {
  thanh_pho: 'city',
  quan: 'district',
  huyen: 'district',
  thi_xa: 'district',
  phuong: 'commune',
  xa: 'commune',
  thi_tran: 'commune',
} as const satisfies Record<string, UnitLevel>;
export type UnitType = keyof typeof UNIT_TYPE_LEVEL;
export const UNIT_TYPES = Object.keys(UNIT_TYPE_LEVEL) as UnitType[];

export interface UnitRef {
  version: string;
  code: string;
}

export interface StructureVersion {
  version: string;
  name: string;
  /** The legal act that set this structure, when known. */
  legalBasis: string | null;
  /** First day in force (civil date, YYYY-MM-DD). */
  validFrom: string;
  /** Last day in force, or null while it is in force. */
  validTo: string | null;
}

/** The structure in force on a civil date (YYYY-MM-DD), or null when none covers it. */
export function versionInForce<V extends StructureVersion>(versions: readonly V[], date: string): V | null {
  return versions.find((v) => v.validFrom <= date && (v.validTo === null || date <= v.validTo)) ?? null;
}

export interface Unit extends UnitRef {
  level: UnitLevel;
  type: UnitType;
  name: string;
  fullName: string;
  nameEn: string | null;
  /** Other official spellings of the name (tone mark on another vowel). */
  nameVariants: string[];
  /** The parent unit in the same structure version; null for the city. */
  parentCode: string | null;
}
