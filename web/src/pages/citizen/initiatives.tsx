/** /app/initiatives: my initiatives for building the Capital and the form to send a new one. */
import { useSearch } from 'wouter';
import { api } from '../../api/client.ts';
import type { Page as ApiPage } from '../../api/types.ts';
import { Loaded, useAsync } from '../../components/async.tsx';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { ReportList, type MyReport } from './home.tsx';
import { ReportForm } from './report-form.tsx';
import { Deeper, GatedPage } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Sáng kiến xây dựng Thủ đô',
    intro: 'Trung tâm Phục vụ hành chính công tiếp nhận sáng kiến và chuyển đơn vị của thành phố nghiên cứu. Đơn vị có thể lấy ý kiến người dân và phải trả lời bạn trong 30 ngày làm việc: tiếp thu, tiếp thu một phần, hoặc không tiếp thu (nêu lý do).',
    mine: 'Sáng kiến tôi đã gửi',
    none: 'Bạn chưa gửi sáng kiến nào.',
    newTitle: 'Gửi sáng kiến mới',
  },
  {
    title: 'Initiatives for the Capital',
    intro: 'The Public Administrative Service Center receives initiatives and passes them to a city unit to study. The unit may consult residents and must answer you within 30 working days: adopted, adopted in part, or declined (with reasons).',
    mine: 'Initiatives I sent',
    none: 'You have not sent any initiative yet.',
    newTitle: 'Send a new initiative',
  },
);

const KINDS = ['initiative'] as const;

export default function Initiatives() {
  const t = useT(s);
  const search = useSearch();
  return (
    <GatedPage title={t('title')} intro={t('intro')} offline={() => <NewInitiative me={null} search={search} />}>
      {(me) => <Body key={me.id} me={me} search={search} />}
    </GatedPage>
  );
}

type Me = Parameters<typeof ReportForm>[0]['me'];

function NewInitiative({ me, search, onSent }: { me: Me; search: string; onSent?: () => void }) {
  const t = useT(s);
  return (
    <section aria-labelledby="new-initiative">
      <h2 id="new-initiative">{t('newTitle')}</h2>
      <Deeper>
        <ReportForm key={search} scope="initiative" kinds={KINDS} me={me} onSent={onSent} />
      </Deeper>
    </section>
  );
}

function Body({ me, search }: { me: NonNullable<Me>; search: string }) {
  const t = useT(s);
  // The API lists all my reports; initiatives are among the latest hundred.
  const mine = useAsync(() => api.get<ApiPage<MyReport>>('/api/v1/me/reports', { limit: 100, kind: 'initiative' }).then((p) => p.items), []);
  return (
    <>
      <section aria-labelledby="my-initiatives">
        <h2 id="my-initiatives">{t('mine')}</h2>
        <Loaded state={mine}>{(items) => (items.length === 0 ? <p className="muted">{t('none')}</p> : <ReportList items={items} />)}</Loaded>
      </section>
      <NewInitiative me={me} search={search} onSent={mine.reload} />
    </>
  );
}
