/**
 * Every agency's focal officers (R-18.2b; issue 10 item 6) from GET /api/v1/oversight/focal-officers — the agencies
 * that have named none marked "Chưa có" — with a search kept in the address (`q`) and the list's exports (.csv,
 * .xlsx). For the Center, the city overseers and the administrator.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { Layout } from '../../components/layout.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useT } from '../../i18n/strings.ts';
import { useLevelName } from './activity-sections.tsx';
import { OverseerNav, useTitle } from './area.tsx';
import { p } from './pages.strings.ts';
import { TableWrap } from './shared.tsx';

/** GET /api/v1/oversight/focal-officers (the route's schema). */
export interface FocalOfficers {
  generatedAt: string;
  agencies: {
    agencyId: string;
    code: string;
    name: string;
    level: string;
    officers: { name: string; position: string; phone: string | null; email: string | null; updatedAt: string }[];
  }[];
}

/** Lower case without diacritics, so that "hoan kiem" finds "Hoàn Kiếm". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

export default function FocalOfficersPage() {
  const t = useT(p);
  useTitle(t('focalTitle'));
  const search = useSearch();
  const [, navigate] = useLocation();
  const q = new URLSearchParams(search).get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const list = useAsync(() => api.get<FocalOfficers>('/api/v1/oversight/focal-officers'), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = text.trim();
    navigate(v ? `/overseer/focal-officers?${new URLSearchParams({ q: v }).toString()}` : '/overseer/focal-officers', { replace: true });
  }

  return (
    <Layout wide>
      <OverseerNav />
      <h1>{t('focalTitle')}</h1>
      <p>{t('focalIntro')}</p>
      <p className="row">
        <a className="button secondary small" href="/api/v1/oversight/focal-officers.csv" download>
          {t('exportCsv')}
        </a>
        <a className="button secondary small" href="/api/v1/oversight/focal-officers.xlsx" download>
          {t('exportXlsx')}
        </a>
      </p>
      <form className="card form" role="search" onSubmit={submit} aria-label={t('focalSearch')}>
        <label htmlFor="f-q">{t('focalSearch')}</label>
        <div className="row">
          <input id="f-q" type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="f-q-hint" className="grow" />
          <button type="submit" className="button">
            {t('focalSearchButton')}
          </button>
        </div>
        <p className="hint" id="f-q-hint">
          {t('focalSearchHint')}
        </p>
      </form>
      <Loaded state={list}>{(data) => <FocalTable data={data} q={q} />}</Loaded>
    </Layout>
  );
}

function FocalTable({ data, q }: { data: FocalOfficers; q: string }) {
  const t = useT(p);
  const levelName = useLevelName();
  const needle = fold(q.trim());
  const rows = useMemo(
    () =>
      needle
        ? data.agencies.filter((a) => [a.name, a.code, ...a.officers.flatMap((o) => [o.name, o.position, o.phone ?? '', o.email ?? ''])].some((s) => fold(s).includes(needle)))
        : data.agencies,
    [data, needle],
  );
  const missing = data.agencies.filter((a) => a.officers.length === 0).length;
  const caption = t('focalCaption', { at: formatDateTime(data.generatedAt) });
  return (
    <section aria-labelledby="focal-list-title">
      <h2 id="focal-list-title" className="visually-hidden">
        {caption}
      </h2>
      <p role="status">{t('focalCount', { shown: rows.length, total: data.agencies.length, missing })}</p>
      {rows.length === 0 ? (
        <p className="card">{t('focalNoMatch', { q })}</p>
      ) : (
        <TableWrap label={caption}>
          <table className="wide-table focal-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colAgency')}</th>
                <th scope="col">{t('colLevel')}</th>
                <th scope="col">{t('colOfficers')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.agencyId}>
                  <th scope="row">{a.name}</th>
                  <td>{levelName(a.level)}</td>
                  <td>
                    {a.officers.length === 0 ? (
                      <span className="badge warn">{t('focalNone')}</span>
                    ) : (
                      <ul className="officer-list">
                        {a.officers.map((o) => (
                          <li key={`${o.name}/${o.position}/${o.phone ?? ''}/${o.email ?? ''}`}>
                            <strong>{o.name}</strong>, {o.position}
                            {o.phone && (
                              <>
                                {' · '}
                                <span className="visually-hidden">{t('phone')}: </span>
                                <a href={`tel:${o.phone.replace(/\s+/g, '')}`}>{o.phone}</a>
                              </>
                            )}
                            {o.email && (
                              <>
                                {' · '}
                                <span className="visually-hidden">{t('email')}: </span>
                                <a href={`mailto:${o.email}`}>{o.email}</a>
                              </>
                            )}
                            <span className="muted small"> ({t('updatedOn', { d: formatDate(o.updatedAt) })})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
