/**
 * Initiatives for building the Capital (sáng kiến, R-9): the Center receives and distributes them to a city
 * unit; the unit studies feasibility and suitability, may consult residents, and decides — adopt and plan,
 * adopt in part, or decline with reasons — within 30 working days of distribution.
 */
import type { Transition, Workflow } from './engine.ts';

export const INITIATIVE_STATES = ['submitted', 'rejected', 'assigned', 'consulting', 'decided'] as const;
export type InitiativeState = (typeof INITIATIVE_STATES)[number];
export type InitiativeAction = 'distribute' | 'reject' | 'openConsultation' | 'closeConsultation' | 'returnToCenter' | 'decide';

const UNIT_HEADS = ['agency_head'] as const;

const transitions: Transition<InitiativeState, InitiativeAction>[] = [
  { from: 'submitted', action: 'distribute', to: 'assigned', by: ['center_operator'], needs: ['targetAgency'], starts: ['process'], rule: 'R-9', label: 'Chuyển đơn vị nghiên cứu' },
  { from: 'submitted', action: 'reject', to: 'rejected', by: ['center_operator'], needs: ['rejectReason', 'explanation'], rule: 'R-6.2', label: 'Không tiếp nhận' },
  { from: 'assigned', action: 'openConsultation', to: 'consulting', by: UNIT_HEADS, needs: ['question'], rule: 'R-9', label: 'Lấy ý kiến người dân' },
  { from: 'consulting', action: 'closeConsultation', to: 'assigned', by: UNIT_HEADS, needs: [], rule: 'R-9', label: 'Kết thúc lấy ý kiến' },
  { from: 'assigned', action: 'returnToCenter', to: 'submitted', by: UNIT_HEADS, needs: ['explanation'], stops: ['process'], rule: 'R-9', label: 'Trả lại Trung tâm: không thuộc lĩnh vực' },
  { from: 'assigned', action: 'decide', to: 'decided', by: UNIT_HEADS, needs: ['decision', 'resultText'], stops: ['process'], rule: 'R-9', label: 'Trả lời sáng kiến' },
];

export const INITIATIVE: Workflow<InitiativeState, InitiativeAction> = {
  kind: 'initiative',
  initial: 'submitted',
  // R-9 sets only the unit's answer time (30 WD from distribution), no receiving deadline.
  initialClocks: [],
  terminal: ['rejected', 'decided'],
  states: INITIATIVE_STATES,
  stateLabels: {
    submitted: 'Chờ Trung tâm tiếp nhận',
    rejected: 'Không tiếp nhận',
    assigned: 'Đơn vị đang nghiên cứu',
    consulting: 'Đang lấy ý kiến người dân',
    decided: 'Đã trả lời',
  },
  transitions,
};
