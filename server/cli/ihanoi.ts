/**
 * `npx ihanoi` — operators' command line. `calendar deadline` and `calendar clarification-window` print exactly
 * what the public API answers, computed by the same code with the calendar version stored in the database.
 * With the embedded database in use by a running server (its lock is held), the question is put to that
 * server over HTTP instead: the answer is the same, and the database is never opened twice.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { computeClarificationWindow, computeDeadline, type ParamName } from '../app/calendar/queries.ts';
import { openPlatform } from '../bootstrap.ts';
import type { AppContext } from '../app/context.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { AppError, ERRORS } from '../domain/errors.ts';
import { generateSynthetic } from '../../seed/synthetic/index.ts';

const option: ParamName = (name) => `--${name}`;

/** A whole number ≥ `min` given on the command line, or an error naming the option. */
function count(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`--${name}: cần một số nguyên từ ${min} trở lên`);
    return n;
  };
}

/** Runs `ask` on the database, or — when a running server holds the embedded database — asks that server. */
async function answer<T>(ask: (ctx: AppContext) => Promise<T>, apiPath: string, apiUrl: string | undefined): Promise<T> {
  const config = loadConfig();
  if (apiUrl) return viaApi<T>(new URL(apiPath, apiUrl));
  let platform;
  try {
    platform = await openPlatform(config, { waitForLock: false });
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    return viaApi<T>(new URL(apiPath, `http://localhost:${config.port}`));
  }
  try {
    return await ask(platform.ctx);
  } finally {
    await platform.close();
  }
}

async function viaApi<T>(url: URL): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json', 'accept-language': 'vi' } });
  } catch (err) {
    throw new Error(`Không gọi được máy chủ ${url.origin}: ${(err as Error).message}`);
  }
  const body = (await res.json()) as T & { detail?: string; errors?: { field: string; message: string }[] };
  if (res.ok) return body;
  const fields = (body.errors ?? []).map((e) => `  ${e.field.replace(/^querystring\./, '--')}: ${e.message}`);
  throw new Error([body.detail ?? `HTTP ${res.status}`, ...fields].join('\n'));
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function buildCli(): Command {
  const program = new Command('ihanoi').description('iHanoi — công cụ dòng lệnh cho cán bộ vận hành').exitOverride();
  const calendar = program.command('calendar').description('Lịch làm việc và thời hạn (giờ/ngày làm việc)');
  calendar
    .command('deadline')
    .description('Hạn = thời điểm bắt đầu + N giờ hoặc N ngày làm việc (như GET /api/v1/calendar/deadline)')
    .requiredOption('--from <instant>', 'thời điểm bắt đầu, ISO 8601 (không ghi múi giờ thì hiểu là giờ Việt Nam)')
    .option('--hours <n>', 'số giờ làm việc')
    .option('--days <n>', 'số ngày làm việc')
    .option('--api <url>', 'hỏi một máy chủ iHanoi đang chạy thay vì mở cơ sở dữ liệu')
    .action(async (o: { from: string; hours?: string; days?: string; api?: string }) => {
      const qs = new URLSearchParams({ from: o.from, ...(o.hours !== undefined ? { hours: o.hours } : {}), ...(o.days !== undefined ? { days: o.days } : {}) });
      print(await answer((ctx) => computeDeadline(ctx, o, option), `/api/v1/calendar/deadline?${qs}`, o.api));
    });
  calendar
    .command('clarification-window')
    .description('Hết hạn đề nghị làm rõ kết quả (R-13), như GET /api/v1/calendar/clarification-window')
    .requiredOption('--received <instant>', 'thời điểm nhận kết quả, ISO 8601')
    .option('--api <url>', 'hỏi một máy chủ iHanoi đang chạy thay vì mở cơ sở dữ liệu')
    .action(async (o: { received: string; api?: string }) => {
      const qs = new URLSearchParams({ received: o.received });
      print(await answer((ctx) => computeClarificationWindow(ctx, o.received, option), `/api/v1/calendar/clarification-window?${qs}`, o.api));
    });
  program
    .command('seed')
    .description('Nạp dữ liệu: dữ liệu tham chiếu luôn được nạp khi mở cơ sở dữ liệu; --synthetic thêm dữ liệu mô phỏng Hà Nội (tài khoản, phản ánh, thông báo)')
    .option('--synthetic', 'tạo dữ liệu mô phỏng (chỉ dùng cho thử tải, trình diễn; không dùng trên hệ thống thật)')
    .option('--reports <n>', 'số phản ánh', count('reports', 0), 0)
    .option('--accounts <n>', 'số tài khoản công dân', count('accounts', 0), 0)
    .option('--seed <n>', 'hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu', count('seed', 0), 1)
    .action(async (o: { synthetic?: boolean; reports: number; accounts: number; seed: number }) => {
      const config = loadConfig();
      if (o.synthetic && config.env === 'production') throw new ConfigError(['--synthetic: không tạo dữ liệu mô phỏng trên hệ thống thật (NODE_ENV=production)']);
      const platform = await openPlatform(config, { waitForLock: false });
      try {
        if (!o.synthetic) {
          print({ seeded: platform.seeded });
          return;
        }
        const result = await generateSynthetic(platform.ctx, { reports: o.reports, accounts: o.accounts, seed: o.seed, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
        print({ seeded: platform.seeded, synthetic: result });
      } finally {
        await platform.close();
      }
    });
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof AppError) {
      console.error([`Lỗi: ${err.detail?.vi ?? ERRORS[err.code].vi}`, ...err.errors.map((e) => `  ${e.field}: ${e.message}`)].join('\n'));
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    console.error(`Lỗi: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
