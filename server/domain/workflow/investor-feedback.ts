/** Investor and business feedback (Art. 11): as Art. 10. */
import { fiveStepWorkflow } from './steps.ts';

export const INVESTOR_FEEDBACK = fiveStepWorkflow('investor_feedback', { receive: 'R-7.2', process: 'R-11', deadlines: 'R-11' });
