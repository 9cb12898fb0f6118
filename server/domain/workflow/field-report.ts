/** Field reports (phản ánh hiện trường): receiving by Art. 6–7, the five steps of Art. 8. */
import { fiveStepWorkflow } from './steps.ts';

export const FIELD_REPORT = fiveStepWorkflow('field_report', { receive: 'R-7.2', process: 'R-8.1', deadlines: 'R-8.5' });
