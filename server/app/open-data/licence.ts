/** The licence of the open data: stated in every answer (GeoJSON member, CSV headers) and in the README. */
export const OPEN_DATA_LICENCE = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Nguồn: iHanoi — Ủy ban nhân dân thành phố Hà Nội',
} as const;
