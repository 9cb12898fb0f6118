/**
 * The Center's report documents (R-18.3b; issue 10 item 4): the list of reports made — newest first, paged with
 * the API's `next` — each with its period, kind, when it was made (Vietnam time), by whom or "tự động", and its
 * files (xlsx, PDF, the CSV of each table); and a form making one on demand (POST /api/v1/oversight/documents):
 * a month, quarter, year or any span of months, of the whole city or one agency. The server's objections are shown
 * beside their fields; the new report heads the list.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { loadAgencies } from '../../api/reference.ts';
import { ErrorBox, Loading, useAsync, useSubmit } from '../../components/async.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Layout } from '../../components/layout.tsx';
import { formatBytes, formatDateTime, hanoiNowInput } from '../../format.ts';
import { useLang, useT } from '../../i18n/strings.ts';
import { addMonths, monthsBack, OverseerNav, periodLabel, quartersBack, useTitle, yearsBack } from './area.tsx';
import { p } from './pages.strings.ts';
import { monthLabel } from './shared.tsx';

type DocKind = 'month' | 'quarter' | 'year' | 'custom';

/** A report document as GET/POST /api/v1/oversight/documents answer it (the route's DocumentSchema). */
export interface OversightDocument {
  id: string;
  title: string;
  periodKind: DocKind;
  firstMonth: string;
  lastMonth: string;
  agency: { id: string; name: string } | null;
  generatedAt: string;
  asOf: string;
  scheduled: boolean;
  generatedBy: { id: string; name: string } | null;
  files: { format: 'xlsx' | 'pdf' | 'csv'; section: string | null; size: number; sha256: string; contentType: string; url: string }[];
}
interface DocumentPage {
  items: OversightDocument[];
  next: string | null;
}

/** The tables of a report (the server's section keys), named for the CSV links. */
const SECTION_NAMES: Record<string, { vi: string; en: string }> = {
  overview: { vi: 'Tổng hợp', en: 'Overview' },
  agencies: { vi: 'Theo cơ quan', en: 'By agency' },
  months: { vi: 'Theo tháng', en: 'By month' },
  states: { vi: 'Theo trạng thái', en: 'By status' },
  ratings: { vi: 'Đánh giá của người phản ánh', en: 'Ratings' },
  rejections: { vi: 'Không tiếp nhận theo lý do', en: 'Not accepted, by reason' },
  units: { vi: 'Theo xã, phường', en: 'By commune/ward' },
  stages: { vi: 'Theo giai đoạn', en: 'By stage' },
  alerts: { vi: 'Thông tin, cảnh báo', en: 'Alerts' },
  'reprimand-agencies': { vi: 'Đề xuất kiểm điểm: cơ quan', en: 'Review: agencies' },
  'reprimand-matters': { vi: 'Đề xuất kiểm điểm: vụ việc', en: 'Review: matters' },
};

const KIND_KEYS = { month: 'kindMonth', quarter: 'kindQuarter', year: 'kindYear', custom: 'kindCustom' } as const;

const PAGE = 20;

export default function DocumentsPage() {
  const t = useT(p);
  useTitle(t('documentsTitle'));
  const first = useAsync(() => api.get<DocumentPage>('/api/v1/oversight/documents', { limit: PAGE }), []);
  const [more, setMore] = useState<OversightDocument[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [made, setMade] = useState<OversightDocument[]>([]);
  const loadMore = useSubmit();

  const nextUrl = next === undefined ? (first.data?.next ?? null) : next;
  // The new reports first, then the pages read; a report made here may also come back in a later page.
  const items = useMemo(() => {
    const seen = new Set<string>();
    return [...made, ...(first.data?.items ?? []), ...more].filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
  }, [made, first.data, more]);

  return (
    <Layout wide>
      <OverseerNav />
      <h1>{t('documentsTitle')}</h1>
      <p>{t('documentsIntro')}</p>
      <GenerateForm onMade={(d) => setMade((m) => [d, ...m])} />

      <section aria-labelledby="docs-title">
        <h2 id="docs-title">{t('documentsList')}</h2>
        {first.data === undefined ? (
          first.error ? (
            <ErrorBox error={first.error} onRetry={first.reload} />
          ) : (
            <Loading />
          )
        ) : items.length === 0 ? (
          <p className="card">{t('documentsNone')}</p>
        ) : (
          <ul className="doc-list">
            {items.map((d) => (
              <DocumentItem key={d.id} doc={d} fresh={made.some((m) => m.id === d.id)} />
            ))}
          </ul>
        )}
        <ErrorBox error={loadMore.error} />
        {nextUrl && (
          <p>
            <button
              type="button"
              className="button secondary"
              disabled={loadMore.busy}
              onClick={() =>
                void loadMore.run(async () => {
                  const page = await api.get<DocumentPage>(nextUrl);
                  setMore((m) => [...m, ...page.items]);
                  setNext(page.next);
                })
              }
            >
              {t('moreDocuments')}
            </button>
          </p>
        )}
      </section>
    </Layout>
  );
}

function DocumentItem({ doc, fresh }: { doc: OversightDocument; fresh: boolean }) {
  const t = useT(p);
  const lang = useLang();
  const headId = `doc-${doc.id}`;
  const period = doc.firstMonth === doc.lastMonth ? monthLabel(lang, doc.firstMonth) : `${monthLabel(lang, doc.firstMonth)} – ${monthLabel(lang, doc.lastMonth)}`;
  const of = <span className="visually-hidden">{t('ofDoc', { title: doc.title })}</span>;
  const xlsx = doc.files.find((f) => f.format === 'xlsx');
  const pdf = doc.files.find((f) => f.format === 'pdf');
  const csv = doc.files.filter((f) => f.format === 'csv');
  return (
    <li className={fresh ? 'card doc fresh' : 'card doc'} aria-labelledby={headId} data-document-id={doc.id}>
      <h3 id={headId}>
        {doc.title}
        {doc.agency ? ` — ${doc.agency.name}` : ''} {fresh && <span className="badge ok">{t('newBadge')}</span>}
      </h3>
      <dl className="doc-facts">
        <div>
          <dt>{t('docPeriod')}</dt>
          <dd>
            {t(KIND_KEYS[doc.periodKind])}: {period}
          </dd>
        </div>
        <div>
          <dt>{t('docGeneratedAt')}</dt>
          <dd>{formatDateTime(doc.generatedAt)}</dd>
        </div>
        <div>
          <dt>{t('docBy')}</dt>
          <dd>{doc.generatedBy ? doc.generatedBy.name : t('docAuto')}</dd>
        </div>
        <div>
          <dt>{t('docAsOf')}</dt>
          <dd>{formatDateTime(doc.asOf)}</dd>
        </div>
      </dl>
      <p className="row doc-downloads">
        {xlsx && (
          <a className="button secondary small" href={xlsx.url} download>
            {t('downloadXlsx', { size: formatBytes(xlsx.size) })}
            {of}
          </a>
        )}
        {pdf && (
          <a className="button secondary small" href={pdf.url} download>
            {t('downloadPdf', { size: formatBytes(pdf.size) })}
            {of}
          </a>
        )}
      </p>
      {csv.length > 0 && (
        <details className="month-details">
          <summary>{t('csvTables')}</summary>
          <ul className="csv-list">
            {csv.map((f) => (
              <li key={f.url}>
                <a href={f.url} download>
                  {t('csvOf', { name: f.section ? (SECTION_NAMES[f.section]?.[lang] ?? f.section) : 'CSV', size: formatBytes(f.size) })}
                  {of}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function GenerateForm({ onMade }: { onMade: (doc: OversightDocument) => void }) {
  const t = useT(p);
  const lang = useLang();
  const current = hanoiNowInput().slice(0, 7);
  const months = useMemo(() => monthsBack(current, 36), [current]);
  const quarters = useMemo(() => quartersBack(current, 12), [current]);
  const years = useMemo(() => yearsBack(current, 6), [current]);
  const defaults: Record<Exclude<DocKind, 'custom'>, string> = { month: addMonths(current, -1), quarter: quarters[1]!, year: years[1]! };
  const [kind, setKind] = useState<DocKind>('month');
  const [period, setPeriod] = useState(defaults.month);
  const [from, setFrom] = useState(addMonths(current, -2));
  const [to, setTo] = useState(current);
  const [agency, setAgency] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const agencies = useAsync(loadAgencies, []);
  const agencyList = useMemo(() => [...(agencies.data ?? [])].filter((a) => a.active).sort((a, b) => a.name.localeCompare(b.name, 'vi')), [agencies.data]);
  const submit = useSubmit();

  const err = (field: string) => submit.error?.fieldMessage(field);
  const onFields = Boolean(submit.error && ['kind', 'period', 'from', 'to', 'agencyId'].some((f) => err(f)));
  const periodOptions = (kind === 'month' ? months : kind === 'quarter' ? quarters : years).map((v) => ({ value: v, label: periodLabel(lang, v) }));
  const monthOptions = months.map((m) => ({ value: m, label: monthLabel(lang, m) }));

  async function generate(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    await submit.run(async () => {
      const body = {
        kind,
        ...(kind === 'custom' ? { from, to } : { period }),
        ...(agency ? { agencyId: agency } : {}),
      };
      const doc = await api.post<OversightDocument>('/api/v1/oversight/documents', body);
      onMade(doc);
      setDone(doc.title);
    });
  }

  return (
    <section aria-labelledby="generate-title">
      <h2 id="generate-title">{t('generate')}</h2>
      <form className="card form dash-filters" onSubmit={(e) => void generate(e)} aria-labelledby="generate-title" noValidate>
        <div className="dash-filter-grid">
          <SelectField
            id="g-kind"
            label={t('generateKind')}
            value={kind}
            onChange={(v) => {
              const k = v as DocKind;
              setKind(k);
              if (k !== 'custom') setPeriod(defaults[k]);
            }}
            options={(['month', 'quarter', 'year', 'custom'] as const).map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))}
            error={err('kind')}
          />
          {kind === 'custom' ? (
            <>
              <SelectField id="g-from" label={t('generateFrom')} value={from} onChange={setFrom} keep={(m) => monthLabel(lang, m)} options={monthOptions} error={err('from')} />
              <SelectField id="g-to" label={t('generateTo')} value={to} onChange={setTo} keep={(m) => monthLabel(lang, m)} options={monthOptions} error={err('to')} />
            </>
          ) : (
            <SelectField id="g-period" label={t('generatePeriod')} value={period} onChange={setPeriod} keep={(v) => periodLabel(lang, v)} options={periodOptions} error={err('period')} />
          )}
          <SelectField
            id="g-agency"
            label={t('generateAgency')}
            value={agency}
            onChange={setAgency}
            placeholder={t('wholeCity')}
            keep={(id) => id}
            options={agencyList.map((a) => ({ value: a.id, label: a.name }))}
            error={err('agencyId')}
          />
        </div>
        {submit.error && !onFields && <ErrorBox error={submit.error} />}
        <div>
          <button type="submit" className="button" disabled={submit.busy}>
            {t('generate')}
          </button>
        </div>
        <p role="status" className={submit.busy || done ? 'notice' : 'visually-hidden'}>
          {submit.busy ? t('generating') : done ? t('generated', { title: done }) : ''}
        </p>
      </form>
    </section>
  );
}
