/** /app/reports/new: send a report — works offline too (draft and outbox on the device). */
import { Link, useSearch } from 'wouter';
import { defineStrings, useT } from '../../i18n/strings.ts';
import { ReportForm } from './report-form.tsx';
import { GatedPage, REPORT_KINDS } from './shared.tsx';

const s = defineStrings(
  {
    title: 'Gửi phản ánh',
    intro: 'Phản ánh được chuyển đến cơ quan có thẩm quyền. Bạn theo dõi tiến độ, nhận kết quả và đánh giá ngay trên iHanoi.',
    initiatives: 'Bạn có ý tưởng xây dựng Thủ đô? Gửi sáng kiến',
  },
  {
    title: 'Send a report',
    intro: 'Your report goes to the competent agency. Follow its progress, get the result and rate it in iHanoi.',
    initiatives: 'Have an idea for the Capital? Send an initiative',
  },
);

export default function NewReport() {
  const t = useT(s);
  // A reopened outbox entry arrives with a new query: the form then reads its draft again.
  const search = useSearch();
  return (
    <GatedPage title={t('title')} intro={t('intro')} offline={() => <ReportForm key={search} scope="report" kinds={REPORT_KINDS} me={null} />}>
      {(me) => (
        <>
          <ReportForm key={search} scope="report" kinds={REPORT_KINDS} me={me} />
          <p>
            <Link href="/initiatives">{t('initiatives')}</Link>
          </p>
        </>
      )}
    </GatedPage>
  );
}
