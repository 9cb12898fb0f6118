/**
 * Workflow as data (DESIGN): a transition names its `from` state, `action`, `to` state, the roles allowed, the
 * inputs it needs (a rejection reason R-6.2, a proof attachment R-12.2 …), a pure guard, the deadline clocks it
 * starts and stops, and its rule ID. `decide` is the only place that says whether an action may happen; the
 * use cases carry out what it returns. `explore` walks every reachable configuration for the table checks.
 */
import type { Role } from '../access/index.ts';
import type { Classification, DeadlineStage, ReportKind } from '../calendar/index.ts';

/** Who may act: a role of the access module, or the platform itself (deadline sweeps, window closing). */
export type Actor = Role | 'system';

/** What an action must carry. */
export type Need =
  | 'rejectReason' // one of the Art. 6.2 reasons (R-6.2)
  | 'explanation' // free text for a rejection, transfer, extension, draft rejection, closing
  | 'question' // what the officer asks the reporter, or the reporter asks the agency
  | 'answer'
  | 'targetAgency' // accept (processing agency), transfer, dispatch, distribute
  | 'classification' // normal / urgent / complex (R-8.4)
  | 'assignee' // the officer who studies it (R-8.1 step 3)
  | 'resultText' // the proposed result (R-8.1 step 4)
  | 'proof' // at least one attachment proving the handling (R-12.2)
  | 'extendTo' // the new processing deadline in working days (R-8.5 complex)
  | 'rating' // Hài lòng / Chấp nhận được / Chưa hài lòng (R-13)
  | 'decision'; // adopt / adopt in part / decline (R-9)

/** Facts about the report that guards look at. */
export interface Facts {
  classification: Classification | null;
  /** Cooperation requests still open (R-8.2). */
  openCooperations: number;
  /** Working days the processing deadline was already extended to, if it was (R-8.5). */
  extendedToDays: number | null;
  /** Whether the reporter's Civil Code window after the result is still open (R-13). */
  clarificationWindowOpen: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; vi: string; en: string };

export interface Transition<S extends string = string, A extends string = string> {
  from: S;
  action: A;
  to: S;
  by: readonly Actor[];
  needs: readonly Need[];
  starts?: readonly DeadlineStage[];
  stops?: readonly DeadlineStage[];
  /** A process clock restarted with a longer amount (R-8.5 complex extension). */
  extends?: DeadlineStage;
  guard?: (facts: Facts, inputs: Readonly<Partial<Record<Need, unknown>>>) => GuardVerdict;
  rule: string;
  /** Vietnamese label of the action, for timelines and buttons. */
  label: string;
}

export interface Workflow<S extends string = string, A extends string = string> {
  kind: ReportKind;
  initial: S;
  /** Clocks the submission itself starts (R-7.2d: receiving within 8 working hours of submission). */
  initialClocks: readonly DeadlineStage[];
  terminal: readonly S[];
  states: readonly S[];
  /** Vietnamese state names for people. */
  stateLabels: Readonly<Record<S, string>>;
  transitions: readonly Transition<S, A>[];
}

export type Refusal =
  | { ok: false; code: 'TRANSITION_NOT_ALLOWED'; rule: string; vi: string; en: string }
  | { ok: false; code: 'ROLE_NOT_ALLOWED'; rule: string; vi: string; en: string }
  | { ok: false; code: 'INPUT_MISSING'; rule: string; vi: string; en: string; missing: Need[] }
  | { ok: false; code: 'GUARD_FAILED'; rule: string; vi: string; en: string };

export type Decision<S extends string, A extends string> = { ok: true; transition: Transition<S, A> } | Refusal;

/**
 * May `roles` do `action` on a report in `state`, with these inputs and facts? The answer says which rule
 * forbids it when not: the state (409), the role (403), a missing input (400), a guard (409).
 */
export function decide<S extends string, A extends string>(
  wf: Workflow<S, A>,
  state: S,
  action: A,
  roles: readonly Actor[],
  inputs: Readonly<Partial<Record<Need, unknown>>>,
  facts: Facts,
): Decision<S, A> {
  const candidates = wf.transitions.filter((t) => t.from === state && t.action === action);
  if (candidates.length === 0) {
    const from = wf.transitions.filter((t) => t.action === action).map((t) => wf.stateLabels[t.from]);
    return {
      ok: false,
      code: 'TRANSITION_NOT_ALLOWED',
      rule: wf.transitions.find((t) => t.action === action)?.rule ?? 'R-4.3',
      vi: `Không thể "${actionLabel(wf, action)}" khi phản ánh đang ở trạng thái "${wf.stateLabels[state]}"${from.length ? ` (chỉ được khi: ${[...new Set(from)].join(', ')})` : ''}`,
      en: `Action "${action}" is not allowed in state "${state}"`,
    };
  }
  const allowed = candidates.filter((t) => t.by.some((r) => roles.includes(r)));
  const t = allowed[0];
  if (!t) {
    const c = candidates[0] as Transition<S, A>;
    return {
      ok: false,
      code: 'ROLE_NOT_ALLOWED',
      rule: c.rule,
      vi: `Vai trò của bạn không được "${c.label}" (${c.rule})`,
      en: `Your role may not ${action} (${c.rule})`,
    };
  }
  const missing = t.needs.filter((n) => isBlank(inputs[n]));
  if (missing.length) {
    return { ok: false, code: 'INPUT_MISSING', rule: t.rule, missing, vi: `Thiếu thông tin bắt buộc: ${missing.join(', ')} (${t.rule})`, en: `Missing: ${missing.join(', ')} (${t.rule})` };
  }
  const verdict = t.guard?.(facts, inputs) ?? { ok: true };
  if (!verdict.ok) return { ok: false, code: 'GUARD_FAILED', rule: t.rule, vi: `${verdict.vi} (${t.rule})`, en: `${verdict.en} (${t.rule})` };
  return { ok: true, transition: t };
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

export function actionLabel<S extends string, A extends string>(wf: Workflow<S, A>, action: A): string {
  return wf.transitions.find((t) => t.action === action)?.label ?? action;
}

/** The actions a role could take in a state (for buttons and queues); guards and inputs are checked later. */
export function availableActions<S extends string, A extends string>(wf: Workflow<S, A>, state: S, roles: readonly Actor[]): A[] {
  return [...new Set(wf.transitions.filter((t) => t.from === state && t.by.some((r) => roles.includes(r))).map((t) => t.action))];
}

/** A reachable configuration: a state and the clocks running in it. */
export interface Configuration<S extends string> {
  state: S;
  running: readonly DeadlineStage[];
}

export interface Exploration<S extends string> {
  configurations: Configuration<S>[];
  /** Problems found: a clock started while already running, a terminal state with clocks running … */
  problems: string[];
}

/**
 * Every configuration reachable from the initial state, ignoring guards (a guard only narrows), with the
 * clock bookkeeping the use cases do: stopping a clock that is not running is a no-op; starting one that is
 * running is a defect; an extension needs the clock running.
 */
export function explore<S extends string, A extends string>(wf: Workflow<S, A>): Exploration<S> {
  const key = (c: Configuration<S>) => `${c.state}|${[...c.running].sort().join(',')}`;
  const start: Configuration<S> = { state: wf.initial, running: [...wf.initialClocks].sort() };
  const seen = new Map<string, Configuration<S>>([[key(start), start]]);
  const queue = [start];
  const problems: string[] = [];
  while (queue.length) {
    const c = queue.shift() as Configuration<S>;
    if (wf.terminal.includes(c.state) && c.running.length) problems.push(`terminal ${c.state} reached with ${c.running.join(', ')} running`);
    for (const t of wf.transitions.filter((x) => x.from === c.state)) {
      const running = new Set(c.running);
      for (const s of t.stops ?? []) running.delete(s);
      if (t.extends && !running.has(t.extends)) problems.push(`${t.from} --${t.action}--> extends ${t.extends}, which is not running`);
      for (const s of t.starts ?? []) {
        if (running.has(s)) problems.push(`${t.from} --${t.action}--> starts ${s}, already running`);
        running.add(s);
      }
      const next: Configuration<S> = { state: t.to, running: [...running].sort() };
      if (!seen.has(key(next))) {
        seen.set(key(next), next);
        queue.push(next);
      }
    }
  }
  return { configurations: [...seen.values()], problems: [...new Set(problems)] };
}
