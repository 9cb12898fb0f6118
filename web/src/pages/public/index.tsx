/**
 * The public pages (R-8.3, R-14: the progress and results of handling are public): the home page with the map
 * and the list of public reports at `/`, and one report at `/reports/:code`. Mounted twice by app.tsx (not
 * nested), so the report page is told apart here.
 */
import { useRoute } from 'wouter';
import Home from './home.tsx';
import ReportPage from './report-page.tsx';
import './public.css';

export default function Area() {
  const [isReport, params] = useRoute<{ code: string }>('/reports/:code');
  return isReport ? <ReportPage key={params.code} code={params.code} /> : <Home />;
}
