/** Reports of wasteful behaviour (hành vi lãng phí, Art. 10): the five steps, 30-working-day normal processing. */
import { fiveStepWorkflow } from './steps.ts';

export const WASTE_REPORT = fiveStepWorkflow('waste_report', { receive: 'R-7.2', process: 'R-10', deadlines: 'R-10' });
