-- 0021 — indexes for the public feeds read at high rates (issue 8, bench/reads): Open311's requests newest first,
-- open data's published reports oldest publication first, and open data's map frames (a GiST index on the pins
-- of published reports: `point(lng, lat) <@ box(…)` finds a frame without reading the period's other reports).

CREATE INDEX reports_submitted_idx ON reports (submitted_at DESC, id DESC);
CREATE INDEX reports_published_idx ON reports (result_published_at, code) WHERE result_published_at IS NOT NULL;
CREATE INDEX reports_published_pin_idx ON reports USING gist (point(lng, lat)) WHERE result_published_at IS NOT NULL;
