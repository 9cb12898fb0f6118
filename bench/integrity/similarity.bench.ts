/**
 * Near-duplicate search at city scale (issue 5 "Done when", R-6.2c; ADR 0006), each against a linear scan of
 * the same rows in the same run, on the same database:
 *
 * - Photos: 1,000,000 stored perceptual hashes (random 64-bit values, as 62,500 uploads × 16 views) plus hashes
 *   planted at known distances of the queries. Search = every stored hash within 8 bits
 *   (`uploadsNearPhotoHash`: multi-index hashing, three btree chunk indexes + bit_count). Baseline = the same
 *   question answered by reading every row (`uploadsNearPhotoHashByScan`). Target: p99 ≤ 5 ms.
 * - Texts: 1,000,000 reports with the signature of a synthetic Vietnamese report text (category phrases, street
 *   names, numbers, fillers and free words), plus reworded copies planted as queries. Search =
 *   `similarReportsByText` (LSH band keys in a GIN index, minima compared in the application). Baseline = every
 *   stored signature read (keyset pages) and compared. Target: p99 ≤ 20 ms.
 *
 *   node --import tsx bench/integrity/similarity.bench.ts [--quick]        embedded PGlite (in memory)
 *   BENCH_DATABASE_URL=postgres://… node --import tsx bench/integrity/similarity.bench.ts   a PostgreSQL server
 *
 * `--quick` uses 100,000 rows of each. BENCH_SIMILARITY_ROWS overrides the count. With BENCH_DATABASE_URL the
 * benchmark creates and drops its own database on that server.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { PHOTO_HASH_VIEWS } from '../../server/adapters/media/perceptual-hash.ts';
import { SIMILAR_PHOTO_MAX_DISTANCE } from '../../server/app/integrity/similar-media.ts';
import { SIMILAR_TEXT_THRESHOLD, similarReportsByText, textSignatureRows } from '../../server/app/integrity/similar-text.ts';
import type { Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { insertStaffUser } from '../../server/db/repos/accounts.repo.ts';
import { findAgency } from '../../server/db/repos/agencies.repo.ts';
import {
  insertTextSignatures,
  textCandidates,
  textSignaturesPage,
  uploadsNearPhotoHash,
  uploadsNearPhotoHashByScan,
} from '../../server/db/repos/similarity.repo.ts';
import {
  estimatedJaccard,
  minhashFromBytes,
  minhashToBytes,
  photoHashFromBigInt,
  photoHashProbes,
  textSignature,
} from '../../server/domain/integrity/similarity/index.ts';
import { seedReference } from '../../seed/index.ts';
import { rng } from '../../test/fixtures/photo-variants.ts';
import { benchContext, openBenchDatabase } from '../database.ts';
import { runWhenMain } from '../standalone.ts';

type Rand = () => number;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** A deterministic UUID (version 7 layout) for bench row `i` of a kind: rows are addressable without being kept. */
const benchId = (kind: number, i: number) => `0190c1d2-${kind.toString(16).padStart(4, '0')}-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** Recreates an index from its definition (bulk loads run without it: building once is far faster). */
async function withoutIndexes<T>(database: Database, names: readonly string[], load: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(${[...names]}::text[])`.execute(
    database.db,
  );
  if (rows.length !== names.length) throw new Error(`indexes not found: ${names.join(', ')}`);
  for (const r of rows) await sql.raw(`DROP INDEX ${r.indexname}`).execute(database.db);
  const result = await load();
  // Built with more memory than the default 64 MB (a GIN index over millions of keys builds several times faster),
  // in one transaction so that the setting applies on the connection that builds.
  await database.db.transaction().execute(async (tx) => {
    await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(tx);
    for (const r of rows) await sql.raw(r.indexdef).execute(tx);
  });
  return result;
}

function randomHash(r: Rand): string {
  const hi = BigInt(Math.floor(r() * 2 ** 32));
  const lo = BigInt(Math.floor(r() * 2 ** 32));
  return photoHashFromBigInt((hi << 32n) | lo);
}

function flipBits(hash: string, count: number, r: Rand): string {
  let x = BigInt(`0x${hash}`);
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(r() * 64));
  for (const b of bits) x ^= 1n << BigInt(b);
  return photoHashFromBigInt(x);
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

// ---------------------------------------------------------------------------------------------- photos

async function photoBench(database: Database, ownerId: string, total: number, quick: boolean): Promise<string[]> {
  const db = database.db;
  const views = PHOTO_HASH_VIEWS.length;
  const uploads = Math.ceil(total / views);
  const r = rng(20260302);
  const queries = Array.from({ length: 200 }, () => randomHash(r));
  // Planted around each query: 3 hashes within the distance (found), 2 just beyond it (must not be found).
  const planted: { query: number; hash: string; distance: number }[] = [];
  queries.forEach((q, i) => {
    for (let k = 0; k < 3; k++) {
      const distance = 1 + Math.floor(r() * SIMILAR_PHOTO_MAX_DISTANCE);
      planted.push({ query: i, hash: flipBits(q, distance, r), distance });
    }
    for (let k = 0; k < 2; k++) {
      const distance = SIMILAR_PHOTO_MAX_DISTANCE + 1 + Math.floor(r() * 4);
      planted.push({ query: i, hash: flipBits(q, distance, r), distance });
    }
  });

  const load = await timed(() =>
    withoutIndexes(database, ['upload_photo_hashes_c0_idx', 'upload_photo_hashes_c1_idx', 'upload_photo_hashes_c2_idx'], async () => {
      const batch = 4096; // uploads per statement (× 16 hashes)
      for (let start = 0; start < uploads + planted.length; start += batch) {
        const count = Math.min(batch, uploads + planted.length - start);
        const hashes: string[] = [];
        for (let i = start; i < start + count; i++) {
          if (i < uploads) for (let v = 0; v < views; v++) hashes.push(randomHash(r));
          else for (let v = 0; v < views; v++) hashes.push(v === 0 ? (planted[i - uploads] as { hash: string }).hash : randomHash(r));
        }
        await sql`INSERT INTO uploads (id, owner_id, sha256, kind, mime, size, original_name, phash, created_at)
          SELECT ('0190c1d2-0001-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, ${ownerId}, encode(sha256(convert_to(i::text, 'UTF8')), 'hex'),
                 'photo', 'image/jpeg', 1, 'bench.jpg', ('x' || (${hashes}::text[])[(i - ${start}) * ${views} + 1])::bit(64), now()
          FROM generate_series(${start}::int, ${start + count - 1}::int) AS i`.execute(db);
        await sql`INSERT INTO upload_photo_hashes (upload_id, view, phash)
          SELECT ('0190c1d2-0001-7000-8000-' || lpad(to_hex(${start} + ((k - 1) / ${views})::int), 12, '0'))::uuid, ((k - 1) % ${views})::smallint, ('x' || h)::bit(64)
          FROM unnest(${hashes}::text[]) WITH ORDINALITY AS t(h, k)`.execute(db);
      }
    }),
  );
  await sql`ANALYZE upload_photo_hashes`.execute(db);
  const stored = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM upload_photo_hashes`.execute(db)).rows[0]?.n);
  const plantedId = (p: number) => benchId(1, uploads + p);

  // Correctness first: every planted hash within the distance found with its distance, none beyond it.
  let missed = 0;
  let wrong = 0;
  const foundOf = new Map<number, { uploadId: string; distance: number }[]>();
  for (const [i, q] of queries.entries()) {
    const found = await uploadsNearPhotoHash(db, q, SIMILAR_PHOTO_MAX_DISTANCE);
    foundOf.set(i, found);
    const ids = new Map(found.map((f) => [f.uploadId, f.distance]));
    planted.forEach((p, k) => {
      if (p.query !== i) return;
      const d = ids.get(plantedId(k));
      if (p.distance <= SIMILAR_PHOTO_MAX_DISTANCE && d !== p.distance) missed++;
      if (p.distance > SIMILAR_PHOTO_MAX_DISTANCE && d !== undefined) wrong++;
    });
    for (const f of found) if (f.distance > SIMILAR_PHOTO_MAX_DISTANCE) wrong++;
  }

  // Latency: half the searches near planted hashes, half of fresh random hashes (nothing to find but chance).
  const samples = quick ? 600 : 2000;
  const fresh = Array.from({ length: samples / 2 }, () => randomHash(r));
  for (let i = 0; i < 50; i++) await uploadsNearPhotoHash(db, fresh[i % fresh.length] as string, SIMILAR_PHOTO_MAX_DISTANCE);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const q = i % 2 === 0 ? (queries[(i / 2) % queries.length] as string) : (fresh[(i - 1) / 2] as string);
    latencies.push((await timed(() => uploadsNearPhotoHash(db, q, SIMILAR_PHOTO_MAX_DISTANCE))).ms);
  }
  latencies.sort((a, b) => a - b);
  const floor: number[] = [];
  for (let i = 0; i < samples; i++) floor.push((await timed(() => sql`SELECT 1`.execute(db))).ms);
  floor.sort((a, b) => a - b);

  // The candidates multi-index hashing reads per search: the rows its three chunk look-ups return.
  let candidates = 0;
  for (const q of fresh.slice(0, 50)) {
    const [p0, p1, p2] = photoHashProbes(q, SIMILAR_PHOTO_MAX_DISTANCE);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM upload_photo_hashes h
      WHERE h.c0 = ANY(${p0}::int[]) OR h.c1 = ANY(${p1}::int[]) OR h.c2 = ANY(${p2}::int[])`.execute(db);
    candidates += Number(rows[0]?.n ?? 0);
  }

  // Baseline: the same searches by reading every stored hash; the answers must be the same.
  const linearRuns = quick ? 5 : 7;
  const linear: number[] = [];
  let disagreements = 0;
  for (let i = 0; i < linearRuns; i++) {
    const t = await timed(() => uploadsNearPhotoHashByScan(db, queries[i] as string, SIMILAR_PHOTO_MAX_DISTANCE));
    linear.push(t.ms);
    const key = (rows: { uploadId: string; distance: number }[]) => rows.map((x) => `${x.uploadId}:${x.distance}`).sort().join();
    if (key(t.value) !== key(foundOf.get(i) ?? [])) disagreements++;
  }
  linear.sort((a, b) => a - b);
  const within = planted.filter((p) => p.distance <= SIMILAR_PHOTO_MAX_DISTANCE).length;
  const randomMatches = [...foundOf.values()].reduce((s, f) => s + f.length, 0) - (within - missed);

  return [
    `photos: ${n(stored)} stored hashes (${n(uploads + planted.length)} uploads × ${views} views, random 64-bit) loaded in ${(load.ms / 1000).toFixed(0)} s; ${queries.length} queries with ${within} hashes planted within ${SIMILAR_PHOTO_MAX_DISTANCE} bits and ${planted.length - within} just beyond`,
    `  correctness: planted within ${SIMILAR_PHOTO_MAX_DISTANCE} missed ${missed}, beyond ${SIMILAR_PHOTO_MAX_DISTANCE} returned ${wrong}, chance matches among random hashes ${randomMatches}; indexed = scan on ${linearRuns - disagreements}/${linearRuns} queries`,
    `  candidates read per search (rows of the 3 × ~240 chunk look-ups): ${(candidates / 50).toFixed(0)} on average`,
    `  indexed search (multi-index hashing, d ≤ ${SIMILAR_PHOTO_MAX_DISTANCE}), ${samples} searches: p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? NaN)}   (target: p99 ≤ 5 ms)`,
    `  (the machine's floor in the same run: SELECT 1, ${samples} times: p50 ${ms(percentile(floor, 50))}  p99 ${ms(percentile(floor, 99))})`,
    `  linear scan of every hash, ${linearRuns} searches:            p50 ${ms(percentile(linear, 50))}  max ${ms(linear.at(-1) ?? NaN)}   → indexed is ${n(percentile(linear, 50) / percentile(latencies, 50))}× faster at the median`,
  ];
}

// ---------------------------------------------------------------------------------------------- texts

/** Common Vietnamese syllables, for free words and names. */
const SYLLABLES = (
  'anh bà bác bán bảo bên bình bộ cả cái cao cây chỉ chín chợ chúng có con cô cũ của cùng cường dài dân dũng dương đã đại đang đặt đến điện ' +
  'định đông đồng đức được gần gia giang hà hai hải hạnh hiếu hòa hoàng học hồng hùng hưng hương khánh khi không kiên kim lại lâm lan lê liên ' +
  'linh long lộc lớn lương mai mạnh minh mới một mười nam năm nga ngày nghĩa ngọc nguyên nhà nhân nhật như những nội oanh phan phát phong phú ' +
  'phúc phương quang quân quốc quý sáng sơn tài tâm tân thái thành thắng thanh thảo thế thị thiện thịnh thọ thu thủy tiến toàn trang trí trọng ' +
  'trung trường tuấn tùng tuyết uyên văn vân việt vinh vũ xuân yên ấm bãi bờ cầu cống cột dốc đê đèn đoạn đường gạch giếng hầm hè hố hồ khu ' +
  'làng lối mương ngách ngõ nhánh ô phố rãnh sân sông tổ trạm trụ tường vỉa xã xóm'
).split(' ');

/** Per category: title phrases and clauses with slots ({s} street, {n} number, {t} time, {w} free words). */
const CATEGORIES: { titles: string[]; clauses: string[] }[] = [
  {
    titles: ['Ổ gà trên phố {s}', 'Mặt đường hư hỏng ở {s}', 'Đường {s} sụt lún', 'Hố sâu giữa đường {s}'],
    clauses: [
      'mặt đường trước số nhà {n} bị sụt thành hố sâu khoảng {n} cm',
      'nhiều ổ gà nối tiếp nhau trên đoạn dài chừng {n} mét',
      'trời mưa nước đọng kín mặt đường, xe máy đi qua bị sa bánh',
      'đã có người ngã xe vào {t}',
      'nắp hố ga bị vỡ, thò cả thanh sắt lên mặt đường',
      'lớp nhựa bong tróc, đá dăm văng ra khắp đường',
      'công trình đào đường xong không hoàn trả mặt bằng',
      'xe tải chở vật liệu chạy nhiều nên đường lún nhanh',
      'đoạn gần ngã tư {s} xe phải lạng lách để tránh hố',
      'vết nứt chạy dọc theo mép đường dài hơn {n} mét',
      'ban đêm không có đèn nên rất khó nhìn thấy hố',
      'học sinh đi học qua đây {t} rất nguy hiểm',
    ],
  },
  {
    titles: ['Rác thải tồn đọng tại {s}', 'Bãi rác tự phát ở ngõ {n} {s}', 'Rác không được thu gom ở {s}', 'Đổ trộm rác thải ven {s}'],
    clauses: [
      'rác sinh hoạt chất đống cao gần {n} mét ở đầu ngõ',
      'đã {n} ngày nay xe thu gom không đến',
      'mùi hôi thối bốc lên nồng nặc, ruồi muỗi bay đầy',
      'có người đổ trộm phế thải xây dựng vào {t}',
      'túi rác bị chó mèo bới tung ra giữa lối đi',
      'nước rỉ từ đống rác chảy tràn xuống cống',
      'điểm tập kết rác đặt ngay cạnh cổng trường mầm non',
      'người dân phải bịt mũi khi đi qua đoạn này',
      'thùng rác công cộng bị vỡ và không ai thay',
      'rác trôi lấp kín miệng cống thoát nước',
      'bãi đất trống bên cạnh biến thành nơi đổ rác',
      'đêm qua có người đốt rác khói bay vào nhà dân',
    ],
  },
  {
    titles: ['Đèn đường không sáng ở {s}', 'Hỏng đèn chiếu sáng ngõ {n} {s}', 'Cột đèn nghiêng tại {s}', 'Đèn đường chập chờn trên phố {s}'],
    clauses: [
      'cả dãy đèn từ số {n} đến số {n} không sáng',
      'đèn tắt từ {t} đến nay chưa được sửa',
      'buổi tối cả đoạn đường tối om, người đi bộ dễ bị giật túi',
      'cột đèn bị xe tải va vào nghiêng hẳn sang một bên',
      'dây điện của cột đèn bị hở, trời mưa rất nguy hiểm',
      'bóng đèn lúc sáng lúc tắt suốt đêm',
      'hộp điện dưới chân cột bị mất nắp',
      'đèn lại bật sáng cả ngày, lãng phí điện',
      'đoạn gần trạm biến áp {s} tối nhất',
      'trẻ con đi học thêm về {t} phải đi qua chỗ tối',
      'đã báo tổ dân phố nhưng chưa thấy ai đến xem',
      'cành cây che khuất hết ánh đèn còn lại',
    ],
  },
  {
    titles: ['Lấn chiếm vỉa hè tại {s}', 'Quán xá bày hàng ra lòng đường {s}', 'Vỉa hè {s} bị chiếm làm chỗ để xe', 'Dựng lều quán trái phép ở {s}'],
    clauses: [
      'các hộ kinh doanh bày hàng kín vỉa hè trước số {n}',
      'người đi bộ phải đi xuống lòng đường rất nguy hiểm',
      'quán nhậu kê bàn ghế ra tận mép đường vào {t}',
      'vỉa hè bị biến thành bãi trông giữ xe thu tiền',
      'mái che dựng bằng tôn chắn cả lối đi',
      'xe ô tô đỗ trên vỉa hè làm vỡ gạch lát',
      'hàng rong tụ tập gây ùn tắc giờ cao điểm',
      'đoạn gần chợ {s} chỉ còn lối đi rộng chừng nửa mét',
      'lực lượng chức năng dẹp xong hôm sau lại bày ra',
      'người bán rửa bát đổ nước thải ra đường',
      'biển quảng cáo đặt giữa vỉa hè che tầm nhìn',
      'người già và trẻ em không có chỗ đi',
    ],
  },
  {
    titles: ['Ngập úng tại {s}', 'Cống thoát nước {s} bị tắc', 'Nước thải tràn ra đường {s}', 'Mương {s} ô nhiễm'],
    clauses: [
      'sau mỗi trận mưa nước ngập sâu khoảng {n} cm',
      'cống bị tắc nên nước không thoát được',
      'nước thải đen kịt bốc mùi tràn lên mặt đường',
      'xe máy chết máy giữa đoạn ngập vào {t}',
      'miệng cống bị lấp bởi đất đá của công trình bên cạnh',
      'mương chảy qua khu dân cư đầy bèo và rác',
      'nước ngập vào cả nhà dân ở số {n}',
      'muỗi sinh sôi, nhiều trẻ em bị sốt xuất huyết',
      'nắp cống bị mất để lại hố sâu nguy hiểm',
      'đường ống nước sạch bị vỡ chảy lênh láng',
      'bùn đất đọng lại trơn trượt sau khi nước rút',
      'đã nhiều năm mùa mưa nào cũng như vậy',
    ],
  },
];
const FILLERS = [
  'Đề nghị cơ quan chức năng sớm kiểm tra, xử lý.',
  'Mong các cơ quan có thẩm quyền vào cuộc.',
  'Người dân trong khu vực rất bức xúc.',
  'Đề nghị phường cử người xuống kiểm tra.',
  'Xin cảm ơn.',
  'Rất mong được giải quyết sớm.',
  'Tôi đã phản ánh nhiều lần nhưng chưa được xử lý.',
  'Kính đề nghị UBND phường quan tâm.',
];
const TIMES = ['sáng nay', 'tối qua', 'chiều hôm qua', 'tuần trước', 'đầu tháng', 'hôm chủ nhật', 'giờ tan tầm', 'đêm qua'];

/** The synthetic report text of row `i` (deterministic: a row's text is made again when needed, never kept). */
export function syntheticText(i: number): { title: string; description: string } {
  const r = rng(i * 2654435761 + 12345);
  const pickFrom = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const word = () => pickFrom(SYLLABLES);
  const street = () => `${word()} ${word()}`.replace(/^./, (c) => c.toUpperCase());
  const fill = (s: string) =>
    s
      .replace(/\{s\}/g, street)
      .replace(/\{n\}/g, () => String(1 + Math.floor(r() * 300)))
      .replace(/\{t\}/g, () => pickFrom(TIMES))
      .replace(/\{w\}/g, word);
  const cat = pickFrom(CATEGORIES);
  const title = fill(pickFrom(cat.titles));
  const parts: string[] = [];
  const clauses = [...cat.clauses];
  // Two or three of the category's phrasings, each said a little differently (a word or two of one's own).
  for (let k = 2 + Math.floor(r() * 2); k > 0 && clauses.length; k--) {
    // People put the same idea in their own words: some of the template's words dropped, a few of theirs added.
    const words = fill(clauses.splice(Math.floor(r() * clauses.length), 1)[0] as string)
      .split(' ')
      .filter(() => r() >= 0.2);
    for (let e = 1 + Math.floor(r() * 3); e > 0; e--) words.splice(Math.floor(r() * (words.length + 1)), 0, word());
    parts.push(words.join(' '));
  }
  // And what each person adds in their own words.
  parts.push(Array.from({ length: 8 + Math.floor(r() * 13) }, word).join(' '));
  const description = `${parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('. ')}. ${pickFrom(FILLERS)}`;
  return { title, description };
}

/** A reworded copy: about one word in eight changed or dropped, a phrase added, sometimes typed without diacritics. */
export function reword(text: { title: string; description: string }, r: Rand): { title: string; description: string } {
  const edit = (s: string) =>
    s
      .split(' ')
      .flatMap((w) => {
        const x = r();
        if (x < 0.06) return [];
        if (x < 0.12) return [SYLLABLES[Math.floor(r() * SYLLABLES.length)] as string];
        return [w];
      })
      .join(' ');
  const plain = r() < 0.3;
  const strip = (s: string) => (plain ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : s);
  return { title: strip(edit(text.title)), description: strip(`${edit(text.description)} Tôi cũng thấy như vậy.`) };
}

async function textBench(database: Database, reporterId: string, agencyId: string, total: number, quick: boolean): Promise<string[]> {
  const db = database.db;
  const spare = 300; // reports left without a signature, for the single-insert timing
  // The reports the signatures belong to (the foreign key): minimal rows, loaded in bulk.
  const loadReports = await timed(async () => {
    const batch = 50_000;
    for (let start = 0; start < total + spare; start += batch) {
      const end = Math.min(total + spare, start + batch) - 1;
      await sql`INSERT INTO reports (id, code, kind, category_code, title, description, reporter_id, confidential, state, receiving_agency_id, submitted_at, updated_at)
        SELECT ('0190c1d2-0002-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'BENCH-' || i, 'field_report', 'hu-hong-mat-duong', 'bench', 'bench',
               ${reporterId}, false, 'submitted', ${agencyId}, now(), now()
        FROM generate_series(${start}::int, ${end}::int) AS i`.execute(db);
    }
  });

  let signed = 0;
  let shingleTotal = 0;
  const signing = { ms: 0 };
  const loadSignatures = await timed(() =>
    withoutIndexes(database, ['report_text_signatures_bands_idx'], async () => {
      const batch = 10_000;
      for (let start = 0; start < total; start += batch) {
        const ids: string[] = [];
        const minhashes: string[] = [];
        const bands: number[] = [];
        const t0 = performance.now();
        for (let i = start; i < Math.min(total, start + batch); i++) {
          const text = syntheticText(i);
          const s = textSignature(text.title, text.description);
          if (!s) continue;
          ids.push(benchId(2, i));
          minhashes.push(Buffer.from(minhashToBytes(s.minhash)).toString('hex'));
          bands.push(...s.bands);
          shingleTotal += s.shingles;
        }
        signing.ms += performance.now() - t0;
        signed += ids.length;
        await sql`INSERT INTO report_text_signatures (report_id, minhash, bands)
          SELECT id, decode(m, 'hex'), (${bands}::integer[])[(k - 1) * 32 + 1 : k * 32]
          FROM unnest(${ids}::uuid[], ${minhashes}::text[]) WITH ORDINALITY AS t(id, m, k)`.execute(db);
      }
    }),
  );
  await sql`ANALYZE report_text_signatures`.execute(db);

  // Queries: reworded copies of stored texts (each should find its source) and fresh texts (nothing to find).
  const r = rng(777);
  const sources = Array.from({ length: 200 }, () => Math.floor(r() * total));
  const copies = sources.map((i) => reword(syntheticText(i), r));
  const freshTexts = Array.from({ length: 200 }, (_, k) => syntheticText(total + spare + 1000 + k));
  let found = 0;
  let aboveInTruth = 0;
  let foundAbove = 0;
  const trueSimilarity: number[] = [];
  for (const [k, c] of copies.entries()) {
    const source = benchId(2, sources[k] as number);
    const hits = await similarReportsByText(db, { ...c, limit: 10 });
    if (hits.some((h) => h.reportId === source)) found++;
    const a = textSignature(c.title, c.description);
    const b = textSignature(syntheticText(sources[k] as number).title, syntheticText(sources[k] as number).description);
    if (a && b) {
      const s = estimatedJaccard(a.minhash, b.minhash);
      trueSimilarity.push(s);
      if (s >= SIMILAR_TEXT_THRESHOLD) {
        aboveInTruth++;
        if (hits.some((h) => h.reportId === source)) foundAbove++;
      }
    }
  }
  trueSimilarity.sort((a, b) => a - b);
  let falseHits = 0;
  let candidateTotal = 0;
  for (const f of freshTexts) {
    falseHits += (await similarReportsByText(db, { ...f, limit: 10 })).length;
    const s = textSignature(f.title, f.description);
    if (s) candidateTotal += (await textCandidates(db, { bands: Array.from(s.bands) })).length;
  }

  const samples = quick ? 600 : 2000;
  for (let i = 0; i < 50; i++) await similarReportsByText(db, { ...(freshTexts[i] as { title: string; description: string }), limit: 10 });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const q = i % 2 === 0 ? (copies[(i / 2) % copies.length] as { title: string; description: string }) : (freshTexts[((i - 1) / 2) % freshTexts.length] as { title: string; description: string });
    latencies.push((await timed(() => similarReportsByText(db, { ...q, limit: 10 }))).ms);
  }
  latencies.sort((a, b) => a - b);

  // Baseline: every stored signature read (keyset pages) and compared with the query's.
  const linearRuns = 3;
  const linear: number[] = [];
  let linearFound = 0;
  let indexedAgrees = 0;
  for (let k = 0; k < linearRuns; k++) {
    const c = copies[k] as { title: string; description: string };
    const q = textSignature(c.title, c.description);
    if (!q) continue;
    const t = await timed(async () => {
      const hits: { reportId: string; similarity: number }[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await textSignaturesPage(db, after, 20_000);
        for (const row of page) {
          const s = estimatedJaccard(q.minhash, minhashFromBytes(row.minhash));
          if (s >= SIMILAR_TEXT_THRESHOLD) hits.push({ reportId: row.reportId, similarity: s });
        }
        if (page.length < 20_000) break;
        after = (page.at(-1) as { reportId: string }).reportId;
      }
      return hits.sort((a, b) => b.similarity - a.similarity).slice(0, 10);
    });
    linear.push(t.ms);
    if (t.value.some((h) => h.reportId === benchId(2, sources[k] as number))) linearFound++;
    const indexed = await similarReportsByText(db, { ...c, limit: 10 });
    if (indexed.map((h) => h.reportId).join() === t.value.map((h) => h.reportId).join()) indexedAgrees++;
  }
  linear.sort((a, b) => a - b);

  // What the signature adds to a submission: one row and its 32 band keys in the GIN index, one at a time.
  const inserts: number[] = [];
  for (let i = 0; i < spare; i++) {
    const text = syntheticText(total + i);
    inserts.push((await timed(() => insertTextSignatures(db, textSignatureRows(benchId(2, total + i), text.title, text.description)))).ms);
  }
  inserts.sort((a, b) => a - b);

  return [
    `texts: ${n(signed)} report signatures (synthetic Vietnamese-like reports in 5 categories, ${(shingleTotal / Math.max(1, signed)).toFixed(0)} syllable pairs on average); reports loaded in ${(loadReports.ms / 1000).toFixed(0)} s, signatures computed in ${(signing.ms / 1000).toFixed(0)} s and loaded with the GIN index built in ${((loadSignatures.ms - signing.ms) / 1000).toFixed(0)} s`,
    `  ${copies.length} reworded copies of stored texts (similarity to their source: median ${percentile(trueSimilarity, 50)?.toFixed(2)}, 5th pct ${percentile(trueSimilarity, 5)?.toFixed(2)}): source found for ${found}; of the ${aboveInTruth} at ≥ ${SIMILAR_TEXT_THRESHOLD}, ${foundAbove} found (LSH recall ${(foundAbove / Math.max(1, aboveInTruth)).toFixed(3)})`,
    `  ${freshTexts.length} fresh texts (no copy stored): near duplicates returned ${falseHits}; ${(candidateTotal / freshTexts.length).toFixed(1)} LSH candidates read per search on average`,
    `  indexed search (LSH bands, GIN), ${samples} searches:  p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1) ?? NaN)}   (target: p99 ≤ 20 ms)`,
    `  linear scan of every signature, ${linear.length} searches: p50 ${ms(percentile(linear, 50))}  max ${ms(linear.at(-1) ?? NaN)}   → indexed is ${n(percentile(linear, 50) / percentile(latencies, 50))}× faster at the median; same top 10 on ${indexedAgrees}/${linear.length}, source found by the scan on ${linearFound}/${linear.length}`,
    `  one signature inserted alone (what a submission adds): p50 ${ms(percentile(inserts, 50))}  p99 ${ms(percentile(inserts, 99))}`,
  ];
}

export async function run(opts: { quick: boolean }): Promise<{ name: string; lines: string[] }> {
  const total = Number(process.env.BENCH_SIMILARITY_ROWS ?? (opts.quick ? 100_000 : 1_000_000));
  const { database, label, drop } = await openBenchDatabase({ prefix: 'ihanoi_bench_sim', poolSize: 4 });
  try {
    await migrate(database);
    const ctx = benchContext(database);
    await seedReference(ctx);
    const userId = uuidv7();
    await insertStaffUser(database.db, { id: userId, username: `bench-${process.pid}`, displayName: 'bench', passwordHash: 'bench', now: new Date() });
    const agency = await findAgency(database.db, { code: 'ubnd-phuong-hoan-kiem' });
    if (!agency) throw new Error('reference data without ubnd-phuong-hoan-kiem');
    const photos = await photoBench(database, userId, total, opts.quick);
    const texts = await textBench(database, userId, agency.id, total, opts.quick);
    return { name: `integrity: near-duplicate search at ${n(total)} rows — ${label}`, lines: [...photos, ...texts] };
  } finally {
    await database.close();
    await drop();
  }
}

await runWhenMain(import.meta.url, run);
