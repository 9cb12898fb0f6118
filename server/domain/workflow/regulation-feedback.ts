/**
 * Feedback on administrative regulations: handled under Quyết định 13/2023/QĐ-UBND, whose procedure is
 * not available here; the field-report steps are used (an assumption, stated in the deadline policy table too).
 */
import { fiveStepWorkflow } from './steps.ts';

export const REGULATION_FEEDBACK = fiveStepWorkflow('regulation_feedback', { receive: 'R-7.2', process: 'R-5.3', deadlines: 'R-5.3' });
