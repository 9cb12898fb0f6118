/** A benchmark file run on its own (`node --import tsx bench/<area>/<name>.bench.ts [--quick]`) prints its figures. */
import { pathToFileURL } from 'node:url';

type Bench = (opts: { quick: boolean }) => Promise<{ name: string; lines: string[] }>;

export async function runWhenMain(moduleUrl: string, run: Bench): Promise<void> {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const { name, lines } = await run({ quick: process.argv.includes('--quick') });
  console.log(`# ${name}`);
  for (const line of lines) console.log(line);
}
