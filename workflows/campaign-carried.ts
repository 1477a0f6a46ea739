/**
 * What a campaign run carries over continue-as-new, kept small and bounded: Temporal refuses an
 * input over its blob size limit (2 MB by default; it warns from 512 KB), and a refused
 * continue-as-new fails the workflow task for ever, so the campaign stops. Measured before this
 * module, 2,000 units owing one report past both rungs of their ladder carried 3.6 MB: 2.8 MB of
 * escalation log (4,000 lines of ~700 bytes, half of it the documents' full text), 0.59 MB of
 * occurrence records and the definition twice (0.1 MB each).
 *
 * Pure: the workflow packs its state with `carriedInput` and unpacks it with `restoredState`, and
 * once a turn's lines are projected it keeps the last LINES_HELD of each log (`recentLogs`), so its
 * view, query answers and result stay bounded too.
 * - The definition is carried once, as the input's `definition` (the version the run follows, a
 *   migrated one included); the input's calendar is not carried, the state's is the run's.
 * - The escalation log carries its last ESCALATION_LINES_CARRIED lines and counts the others: each
 *   earlier line's document is kept in the records store (by recordId, with its full text) and its
 *   step in the reporting projection (written before the run goes on: every line is projected in
 *   the loop iteration that took it), which is where the statistics and the records lists read them.
 * - The run's log carries its last LOG_LINES_CARRIED lines and counts the others; the earlier lines
 *   stay in the earlier runs' histories (for as long as the namespace retains them).
 * - The occurrences are packed: what every unit owing one occurrence shares is written once, each
 *   unit's obligation is a short tuple, and unpacking gives back exactly the records packed.
 */
import type { StateValue } from 'xstate';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import type { CampaignRunState, CampaignWorkflowInput, ObligationMachine, OccurrenceRecord } from './campaign.messages';

/** Escalation lines carried with their text: the recent ones an operator reads in the run's view. */
export const ESCALATION_LINES_CARRIED = 100;
/** Lines of the run's log carried: phases, openings, submissions, imports of the recent past. */
export const LOG_LINES_CARRIED = 500;
const CARRIED = { escalationLog: ESCALATION_LINES_CARRIED, log: LOG_LINES_CARRIED };
/**
 * Lines a run holds (and its view, query answer and result show) once they are projected: a
 * clustered deadline takes thousands of rungs in one turn of the loop, and a view with all their
 * documents would pass what Temporal takes as a query answer or a result.
 */
export const LINES_HELD = { escalationLog: 1_000, log: 1_000 };

/** What every unit owing one occurrence shares: its id, duty, dates and event. */
type SharedPart = Omit<OccurrenceRecord, 'unitId' | 'machine' | 'beforeAdoption' | 'escalateFrom'>;
/** What only this unit's record has, when it has it (a machine of another shape is carried whole). */
interface OwnPart {
  beforeAdoption?: boolean;
  escalateFrom?: string;
  machine?: ObligationMachine;
}
/** One unit's obligation: [shared part, unit, machine state, rungs taken, stage, submitted on, own part]. */
type PackedObligation = [number, string, string, number, string | null, string | null] | [number, string, string, number, string | null, string | null, OwnPart];

/** Occurrence records in the order the run opened them (the agenda breaks ties by that order). */
export interface PackedOccurrences {
  shared: SharedPart[];
  obligations: PackedObligation[];
}

/** The state as carried: without the definition (the input's) and with the occurrences packed; older runs carried both whole. */
export type CarriedCampaignState = Omit<CampaignRunState, 'definition' | 'occurrences'> & {
  definition?: CampaignDefinition;
  occurrences?: CampaignRunState['occurrences'];
  packedOccurrences?: PackedOccurrences;
};

/** The machine as the tuple holds it, or undefined when it has another shape (then carried whole). */
function compactMachine(record: OccurrenceRecord): { value: string; stepsTaken: number; stage: string | null; submittedOn: string | null } | undefined {
  const { value, context } = record.machine;
  const known = Object.keys(context).every((key) => ['dueOn', 'stepsTaken', 'escalationStage', 'submittedOn'].includes(key));
  if (typeof value !== 'string' || !known || context.dueOn !== record.dueOn) return undefined;
  return { value, stepsTaken: context.stepsTaken, stage: context.escalationStage, submittedOn: context.submittedOn };
}

export function packOccurrences(occurrences: CampaignRunState['occurrences']): PackedOccurrences {
  const shared: SharedPart[] = [];
  const indexOf = new Map<string, number>();
  const obligations = Object.values(occurrences).map((record): PackedObligation => {
    const { unitId, machine, beforeAdoption, escalateFrom, ...common } = record;
    const id = JSON.stringify(common);
    if (!indexOf.has(id)) indexOf.set(id, shared.push(common) - 1);
    const compact = compactMachine(record);
    const own: OwnPart = { ...(beforeAdoption !== undefined ? { beforeAdoption } : {}), ...(escalateFrom !== undefined ? { escalateFrom } : {}), ...(compact ? {} : { machine }) };
    const head: PackedObligation = [indexOf.get(id)!, unitId, compact?.value ?? '', compact?.stepsTaken ?? 0, compact?.stage ?? null, compact?.submittedOn ?? null];
    return Object.keys(own).length > 0 ? [...head, own] : head;
  });
  return { shared, obligations };
}

export function unpackOccurrences(packed: PackedOccurrences): CampaignRunState['occurrences'] {
  const occurrences: CampaignRunState['occurrences'] = {};
  for (const [index, unitId, value, stepsTaken, escalationStage, submittedOn, own = {}] of packed.obligations) {
    const common = packed.shared[index]!;
    const machine = own.machine ?? { value: value as StateValue, context: { dueOn: common.dueOn, stepsTaken, escalationStage, submittedOn } };
    occurrences[`${common.occurrenceId}@${unitId}`] = {
      ...common,
      unitId,
      machine,
      ...(own.beforeAdoption !== undefined ? { beforeAdoption: own.beforeAdoption } : {}),
      ...(own.escalateFrom !== undefined ? { escalateFrom: own.escalateFrom } : {}),
    };
  }
  return occurrences;
}

/** The last `kept` lines of a log, and how many lines came before them (with those counted before). */
function recentLines<T>(lines: T[], kept: number, earlier: number): { lines: T[]; earlier: number } {
  const dropped = Math.max(0, lines.length - kept);
  return { lines: lines.slice(dropped), earlier: earlier + dropped };
}

/** The state's two logs cut to their last lines (`kept` of each), the earlier ones counted. */
export function recentLogs(state: Pick<CampaignRunState, 'escalationLog' | 'log' | 'earlierLines'>, kept: { escalationLog: number; log: number }): Pick<CampaignRunState, 'escalationLog' | 'log' | 'earlierLines'> {
  const escalation = recentLines(state.escalationLog, kept.escalationLog, state.earlierLines?.escalationLog ?? 0);
  const run = recentLines(state.log, kept.log, state.earlierLines?.log ?? 0);
  return { escalationLog: escalation.lines, log: run.lines, earlierLines: { escalationLog: escalation.earlier, log: run.earlier } };
}

export function carriedState(state: CampaignRunState): CarriedCampaignState {
  const { definition: _carriedAsInput, occurrences, ...rest } = state;
  return { ...rest, ...recentLogs(state, CARRIED), packedOccurrences: packOccurrences(occurrences) };
}

/** The state a continued run starts from; a state carried before this module had the definition and occurrences whole. */
export function restoredState(carried: CarriedCampaignState, definition: CampaignDefinition): CampaignRunState {
  const { packedOccurrences, occurrences, definition: carriedDefinition, ...rest } = carried;
  return { ...rest, definition: carriedDefinition ?? definition, occurrences: packedOccurrences ? unpackOccurrences(packedOccurrences) : (occurrences ?? {}) };
}

/** The input of the run that continues this one: the definition it follows, once, and the carried state. */
export function carriedInput(input: CampaignWorkflowInput, state: CampaignRunState): CampaignWorkflowInput {
  const { calendar: _carriedInState, carriedOver: _previous, ...rest } = input;
  return { ...rest, definition: state.definition, carriedOver: carriedState(state) };
}
