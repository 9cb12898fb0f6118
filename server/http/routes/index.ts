/** Every route module, registered in one place. */
import type { App } from '../app.ts';
import healthRoutes from './health.routes.ts';

export async function registerRoutes(app: App): Promise<void> {
  await app.register(healthRoutes);
}
