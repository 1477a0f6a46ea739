/**
 * What a workflow hands the collected-action activities and what it gets back. Types only: the
 * workflows import this file with `import type`.
 */
import type { EscalationStepInput } from './escalation.types';

/** One item's step joining a collected action (one 通报 for the run, 行业集中约谈, one 曝光 list). */
export interface CollectedStepInput extends EscalationStepInput {
  collectedAction: {
    /** `<campaign run>/<collection>/<ladder>/step-<n>/<instant>`: every item whose step reaches this key joins the one action. */
    key: string;
    /** The run clock's offset (a simulated run), so the collector waits for the instant on the same clock. */
    clockOffsetMs: number;
    /** Set when collected by sector: the documents are titled by it. */
    sector?: string;
    sectorName?: string;
  };
}

/** The item's record as kept; the document carrying it is delivered by the action's collector. */
export interface CollectedStepOutcome {
  recipient: string;
  message: string;
  recordId: string;
  outcome: 'collected';
}

/** What the collector of one generation of a collected action is started with. */
export interface CollectedActionInput {
  key: string;
  generation: number;
  /** The instant (run clock, epoch ms) the items reached the step. */
  plannedAt: number;
  clockOffsetMs: number;
}

export interface CollectedDocumentOutcome {
  documentId: string;
  units: number;
  outcome: 'delivered' | 'already-delivered';
}

export interface CollectedActionActivities {
  /** Keeps the item's record as joining the action and starts its collector if none runs; a local activity of the item's run. */
  joinCollectedAction(input: CollectedStepInput): Promise<CollectedStepOutcome>;
  /** How many records wait for a document. */
  collectedRecordsAwaiting(input: { key: string }): Promise<number>;
  /** Keeps and delivers the next document of the waiting records; null when none waits. */
  publishCollectedDocument(input: { key: string; generation: number; sequence: number }): Promise<CollectedDocumentOutcome | null>;
  /** Closes the action when no record waits; false when one joined since the last document. */
  closeCollectedAction(input: { key: string; generation: number }): Promise<boolean>;
}
