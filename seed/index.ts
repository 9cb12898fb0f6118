/**
 * Seeding: reference data (units, boundaries, agencies, calendar) is loaded into an empty database at start
 * and into the test template; demo accounts are added only when SEED_DEMO is on. Every step is idempotent.
 */
import type { AppContext } from '../server/app/context.ts';
import { referenceChanged } from '../server/app/reference/reference-data.ts';
import { seedAgencies } from './agencies.seed.ts';
import { seedCalendar } from './calendar.seed.ts';
import { seedCategories } from './categories.seed.ts';
import { seedUnits } from './units.seed.ts';

export { seedDemo } from './demo.seed.ts';

type Step = (ctx: AppContext) => Promise<string | null>;

/** Reference data, in dependency order. */
const referenceSteps: Step[] = [seedUnits, seedAgencies, seedCategories, seedCalendar];

export async function seedReference(ctx: AppContext): Promise<string[]> {
  const done: string[] = [];
  for (const step of referenceSteps) {
    const msg = await step(ctx);
    if (msg) done.push(msg);
  }
  referenceChanged(ctx.db);
  return done;
}

