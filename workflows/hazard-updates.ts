/**
 * What each update of a hazard's closed loop (整改, 审核, 延期, 回头看) means: the machine event it
 * feeds, the history line it writes (read before the event is applied: it may describe the state
 * the event changes), and what it must say to be taken at all. Pure: the hazard run sets one handler
 * per update from these (hazard.workflow.ts); the machine itself refuses an event its state cannot take.
 */
import type { HazardContext, HazardEvent } from './hazard.machine';
import type { HazardHistoryEntry } from './hazard.messages';

/** An update's meaning for the run. `U` is the update's argument (hazard.messages.ts). */
export interface HazardUpdateMeaning<U> {
  event(update: U): HazardEvent;
  entry(update: U, context: HazardContext): Omit<HazardHistoryEntry, 'at' | 'requestId'>;
  /** Why the update is refused whatever the hazard's state (the run's day is `today`); undefined when it may be taken. */
  refusal?(update: U, today: string): string | undefined;
}

export const submitRectification: HazardUpdateMeaning<{ evidence: string[]; note?: string; by: string }> = {
  event: (u) => ({ type: 'RECTIFICATION.SUBMITTED', evidence: u.evidence, note: u.note }),
  entry: (u) => ({ event: 'rectification-submitted', by: u.by, detail: [u.note, ...u.evidence].filter(Boolean).join('；') }),
};

export const verifyRectification: HazardUpdateMeaning<{ passed: boolean; verifier: string; reason?: string }> = {
  event: (u) =>
    u.passed ? { type: 'VERIFICATION.PASSED', verifier: u.verifier } : { type: 'VERIFICATION.REJECTED', verifier: u.verifier, reason: u.reason ?? '' },
  entry: (u) => ({ event: u.passed ? 'verified-and-closed' : 'verification-rejected', by: u.verifier, detail: u.reason }),
};

export const requestExtension: HazardUpdateMeaning<{ requestedDueOn: string; reason: string; by: string }> = {
  event: (u) => ({ type: 'EXTENSION.REQUESTED', requestedDueOn: u.requestedDueOn, reason: u.reason }),
  entry: (u) => ({ event: 'extension-requested', by: u.by, detail: `申请延期至${u.requestedDueOn}：${u.reason}` }),
};

export const decideExtension: HazardUpdateMeaning<{ approved: boolean; approver: string; reason?: string }> = {
  event: (u) =>
    u.approved ? { type: 'EXTENSION.APPROVED', approver: u.approver } : { type: 'EXTENSION.DENIED', approver: u.approver, reason: u.reason ?? '' },
  entry: (u, context) => ({
    event: u.approved ? 'extension-approved' : 'extension-denied',
    by: u.approver,
    detail: u.approved ? `整改期限延至${context.extensionRequest?.requestedDueOn}` : u.reason,
  }),
};

export const recordReinspection: HazardUpdateMeaning<{ passed: boolean; inspector: string; reason?: string; newDueOn?: string }> = {
  event: (u) =>
    u.passed
      ? { type: 'REINSPECTION.PASSED', inspector: u.inspector }
      : { type: 'REINSPECTION.FAILED', inspector: u.inspector, reason: u.reason ?? '', newDueOn: u.newDueOn ?? '' },
  entry: (u) => ({
    event: u.passed ? 'reinspection-passed' : 'reopened-by-reinspection',
    by: u.inspector,
    detail: u.passed ? u.reason : `回头看发现问题：${u.reason ?? ''}，重新限${u.newDueOn}前整改`,
  }),
  refusal: (u, today) => (!u.passed && !(u.newDueOn && u.newDueOn > today) ? '回头看未通过时须给出今天之后的新整改期限（newDueOn）' : undefined),
};
