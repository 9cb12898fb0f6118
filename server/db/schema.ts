/** The database as Kysely sees it: one interface per module, merged. */
import type { AccountsTables } from './schema/accounts.ts';
import type { AlertsTables } from './schema/alerts.ts';
import type { OversightTables } from './schema/oversight.ts';
import type { PushTables } from './schema/push.ts';
import type { CalendarTables } from './schema/calendar.ts';
import type { CatalogueTables } from './schema/catalogue.ts';
import type { CoreTables } from './schema/core.ts';
import type { DocumentsTables } from './schema/documents.ts';
import type { EvaluationTables } from './schema/evaluation.ts';
import type { InboxTables } from './schema/inbox.ts';
import type { IntegrationsTables } from './schema/integrations.ts';
import type { KnownImagesTables } from './schema/known-images.ts';
import type { ReceptionTables } from './schema/reception.ts';
import type { ReportsTables } from './schema/reports.ts';
import type { SanctionsTables } from './schema/sanctions.ts';
import type { SimilarityTables } from './schema/similarity.ts';
import type { UnitsTables } from './schema/units.ts';
import type { UploadsTables } from './schema/uploads.ts';
import type { WebhooksTables } from './schema/webhooks.ts';

export interface DB extends CoreTables, UnitsTables, AccountsTables, CalendarTables, ReportsTables, CatalogueTables, InboxTables, UploadsTables, SanctionsTables, SimilarityTables, KnownImagesTables, AlertsTables, PushTables, IntegrationsTables, WebhooksTables, OversightTables, DocumentsTables, EvaluationTables, ReceptionTables {}
