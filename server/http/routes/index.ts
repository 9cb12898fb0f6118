/** Every route module, registered in one place. */
import type { App } from '../app.ts';
import accountsRoutes from './accounts.routes.ts';
import alertsRoutes from './alerts.routes.ts';
import agenciesRoutes from './agencies.routes.ts';
import calendarRoutes from './calendar.routes.ts';
import capRoutes from './cap.routes.ts';
import categoriesRoutes from './categories.routes.ts';
import healthRoutes from './health.routes.ts';
import integrityRoutes from './integrity.routes.ts';
import latenessRoutes from './lateness.routes.ts';
import notificationsRoutes from './notifications.routes.ts';
import open311Routes from './open311.routes.ts';
import oversightRoutes from './oversight.routes.ts';
import pushRoutes from './push.routes.ts';
import reportsRoutes from './reports.routes.ts';
import sanctionsRoutes from './sanctions.routes.ts';
import unitsRoutes from './units.routes.ts';
import uploadsRoutes from './uploads.routes.ts';
import webRoutes from './web.routes.ts';
import webhooksRoutes from './webhooks.routes.ts';
import openDataRoutes from './open-data.routes.ts';

export async function registerRoutes(app: App): Promise<void> {
  await app.register(healthRoutes);
  await app.register(unitsRoutes);
  await app.register(agenciesRoutes);
  await app.register(accountsRoutes);
  await app.register(calendarRoutes);
  await app.register(reportsRoutes);
  await app.register(categoriesRoutes);
  await app.register(uploadsRoutes);
  await app.register(notificationsRoutes);
  await app.register(latenessRoutes);
  await app.register(oversightRoutes);
  await app.register(sanctionsRoutes);
  await app.register(integrityRoutes);
  await app.register(alertsRoutes);
  await app.register(capRoutes);
  await app.register(open311Routes);
  await app.register(pushRoutes);
  await app.register(webhooksRoutes);
  await app.register(openDataRoutes);
  await app.register(webRoutes);
}
