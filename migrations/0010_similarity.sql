-- 0010 — near-duplicate media and texts (issue 5 items 2–3, R-6.2c; ADR 0006).
-- Everything lives in the database, searched through ordinary btree and GIN indexes, so that every server
-- process sees every committed photo and report at once and nothing has to be rebuilt at start.

-- Exact duplicates: the same bytes sent by someone else. (uploads has UNIQUE (owner_id, sha256), which cannot
-- serve a look-up by the hash alone.)
CREATE INDEX uploads_sha256_idx ON uploads (sha256);

-- The perceptual hash of a photo's whole frame (64-bit pHash, bit 1 = high bit of the first hex digit). Null for
-- videos and for photos without one (a flat picture, see perceptual-hash.ts).
ALTER TABLE uploads ADD COLUMN phash bit(64);
ALTER TABLE uploads ADD CONSTRAINT uploads_phash_photo_only CHECK (kind = 'photo' OR phash IS NULL);

-- The hashes of the 16 views of each photo (the whole frame is view 0; the others trim a few per cent of its
-- sides, so that a light crop of the photo matches one of them), indexed for multi-index hashing: each hash
-- cut into three chunks of 21, 21 and 22 bits, one btree per chunk. Every hash within 8 bits of a query equals
-- it within 2 bits in at least one chunk; the query looks those values up (its chunk XOR each mask of
-- photo_hash_masks) and checks the candidates with bit_count(a # b) (PostgreSQL 14+).
CREATE TABLE upload_photo_hashes (
  upload_id uuid NOT NULL REFERENCES uploads (id),
  view smallint NOT NULL CHECK (view >= 0),
  phash bit(64) NOT NULL,
  c0 integer GENERATED ALWAYS AS (substring(phash FROM 1 FOR 21)::integer) STORED,
  c1 integer GENERATED ALWAYS AS (substring(phash FROM 22 FOR 21)::integer) STORED,
  c2 integer GENERATED ALWAYS AS (substring(phash FROM 43 FOR 22)::integer) STORED,
  PRIMARY KEY (upload_id, view)
);
CREATE INDEX upload_photo_hashes_c0_idx ON upload_photo_hashes (c0);
CREATE INDEX upload_photo_hashes_c1_idx ON upload_photo_hashes (c1);
CREATE INDEX upload_photo_hashes_c2_idx ON upload_photo_hashes (c2);

-- The masks a search XORs into the query's chunks: every `bits`-bit value with `weight` bits set, for weights 0
-- to 3 (searches up to 11 bits). Kept here rather than sent with each search: 718 integers a search as
-- parameters measured ~0.3 ms slower at the median and ~1.3 ms at the 99th percentile (ADR 0006).
CREATE TABLE photo_hash_masks (
  bits smallint NOT NULL,
  weight smallint NOT NULL,
  mask integer NOT NULL,
  PRIMARY KEY (bits, weight, mask)
);
INSERT INTO photo_hash_masks (bits, weight, mask)
SELECT n, 0, 0 FROM (VALUES (21), (22)) AS b (n)
UNION ALL
SELECT n, 1, 1 << i FROM (VALUES (21), (22)) AS b (n), generate_series(0, n - 1) AS i
UNION ALL
SELECT n, 2, (1 << i) | (1 << j) FROM (VALUES (21), (22)) AS b (n), generate_series(0, n - 1) AS i, generate_series(i + 1, n - 1) AS j
UNION ALL
SELECT n, 3, (1 << i) | (1 << j) | (1 << k)
FROM (VALUES (21), (22)) AS b (n), generate_series(0, n - 1) AS i, generate_series(i + 1, n - 1) AS j, generate_series(j + 1, n - 1) AS k;

-- The text signature of each report (title + description): 128 MinHash minima, low 16 bits each, big-endian
-- (256 bytes), and the 32 LSH band keys. Reports sharing a band key are the candidates; their minima estimate
-- the Jaccard similarity. fastupdate off: each insert files its 32 keys at once (a little more work per
-- submission) so that a search never scans an unsorted pending list (steady search time).
CREATE TABLE report_text_signatures (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  minhash bytea NOT NULL CHECK (octet_length(minhash) = 256),
  bands integer[] NOT NULL CHECK (cardinality(bands) = 32)
);
CREATE INDEX report_text_signatures_bands_idx ON report_text_signatures USING gin (bands) WITH (fastupdate = off);

-- The candidates of a text search: reports sharing at least one LSH key with the query (`bands && keys`), at
-- most `max_rows`. A function only to pin the plan to the GIN index: PostgreSQL keeps no statistics for
-- elements as rare as band keys, assumes each matches 0.5 % of rows (15 % for 32 keys) and would read the whole
-- table (measured: 1 s at 200,000 rows, ADR 0006). The setting applies inside the function only.
CREATE FUNCTION report_text_candidates(keys integer[], exclude_report uuid, max_rows integer)
RETURNS TABLE (report_id uuid, minhash bytea)
LANGUAGE sql STABLE
SET enable_seqscan = off
AS $$
  SELECT s.report_id, s.minhash
  FROM report_text_signatures s
  WHERE s.bands && keys AND s.report_id IS DISTINCT FROM exclude_report
  LIMIT max_rows
$$;
