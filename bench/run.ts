/**
 * `npm run bench [-- --full] [-- --only <word>]`: runs every benchmark (or those whose key contains the word) in
 * its quick size (about 10 minutes in all on 2 cores) or its full size, prints its figures, and records them with
 * the date and the machine at the top of docs/benchmarks.md (newest first). Each benchmark measures its own
 * baseline in the same run.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { run as alerts } from './alerts/alerts.bench.ts';
import { run as calendar } from './calendar/calendar.bench.ts';
import { run as httpDeadline } from './http/deadline.bench.ts';
import { run as intake } from './intake/intake.bench.ts';
import { run as photoQuality } from './integrity/photo-quality.bench.ts';
import { run as similarity } from './integrity/similarity.bench.ts';
import { run as textQuality } from './integrity/text-quality.bench.ts';
import { run as oversight } from './oversight/oversight.bench.ts';
import { run as reads } from './reads/reads.bench.ts';
import { run as seedSynthetic } from './seed/synthetic.bench.ts';
import { run as server } from './server/server.bench.ts';
import { civilDate, formatVietnamTime } from '../server/domain/calendar/index.ts';

const quick = !process.argv.includes('--full');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
// intake, the similarity search, alerts and reads run on PGlite, or on the PostgreSQL server named by BENCH_DATABASE_URL.
const benches = { calendar, http: httpDeadline, intake, 'integrity-text': textQuality, 'integrity-photo': photoQuality, 'integrity-search': similarity, alerts, reads, 'seed-synthetic': seedSynthetic, oversight, server };
const sections: string[] = [];
for (const [key, bench] of Object.entries(benches)) {
  if (only && !key.includes(only)) continue;
  const started = performance.now();
  const { name, lines } = await bench({ quick });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`# ${name}`);
  for (const l of lines) console.log(l);
  console.log(`(${seconds} s)\n`);
  sections.push(`### ${name}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\``);
}

const file = new URL('../docs/benchmarks.md', import.meta.url);
const header = '# Benchmarks\n\nRecorded by `npm run bench` (newest first). Figures depend on the machine; compare each line with its same-run baseline.\n';
const previous = existsSync(file) ? readFileSync(file, 'utf8').replace(header, '') : '';
const now = new Date();
const cpu = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`;
const entry = `\n## ${civilDate(now)} (${formatVietnamTime(now)}) — ${quick ? 'quick' : 'full'} run, Node ${process.version}, ${cpu}\n\n${sections.join('\n\n')}\n`;
writeFileSync(file, header + entry + previous);
console.log(`recorded in docs/benchmarks.md`);
