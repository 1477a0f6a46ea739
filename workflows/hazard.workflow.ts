/**
 * One run per hazard (隐患): from registration to 销号, escalating it rung by rung on the
 * campaign's calendar while it stays open past its deadline.
 *
 * xstate decides (hazard.machine.ts, pure `transition()`), the workflow acts: it sleeps until the
 * next rung falls due or an update arrives, feeds the event to the machine, and runs the actions
 * the machine returns as activities. Time is Temporal's.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { initialTransition, transition } from 'xstate';
import { createCalendar } from '../definitions/calendar';
import type { EscalationStep } from '../definitions/escalation.schema';
import { ESCALATION_ACTION_LABELS } from '../definitions/vocabulary';
import { scheduleEscalation } from '../definitions/escalation';
import { hazardDeadline, reinspectionDate } from '../definitions/hazard-policy';
import { epochMsToLocalDate } from '../definitions/local-date';
import type { OverdueItem } from '../activities/escalation.types';
import { hazardSnapshot } from './records.contract';
import { RECORDS_PROJECTION_PATCH, projectHazard } from './records-projection';
import { createCampaignClock } from './campaign-clock';
import { collectedActionKey, joinCollectedStep, nextEscalation, takeEscalationStep } from './escalation';
import { collectionOf, stepAddressees, unitSector } from '../definitions/audience';
import { campaignRunId } from '../definitions/campaign-run';
import { overdueInstant } from './deadline.contract';
import { engineGeneration, runCalendarOf } from './engine-generation';
import { HAZARD_STATUS_LABELS, HazardStatus, OPEN_HAZARD_STATUSES, hazardSearchAttributes, isHazardOverdue, noHazardPolicyRefusal } from './hazard.contract';
import { hazardMachine, hazardStatusOf, type HazardEvent } from './hazard.machine';
import {
  DISCOVERY_CHANNEL_LABELS,
  HAZARD_VIEW_MEMO_KEY,
  applyHazardCalendarUpdate,
  decideExtensionUpdate,
  hazardViewQuery,
  recordReinspectionUpdate,
  requestExtensionUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  LadderRungState,
  type HazardHistoryEntry,
  type LadderRung,
  type HazardRunState,
  type HazardView,
  type HazardWorkflowInput,
} from './hazard.messages';
import { searchAttributeKeys } from './search-attributes.contract';

/** Well below Temporal's limits; a hazard reopened again and again still never grows without bound. */
const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 5_000;

/** Runs recorded before the view was kept in the memo replay without it (see publishView). */
const VIEW_IN_MEMO_PATCH = 'hazard-view-in-memo';

/**
 * Since this marker, a rung whose step is collected (`collectBy`) joins the collected action of its
 * campaign run, collection and instant instead of taking its own (one document names every unit).
 */
const COLLECTED_RUNGS_PATCH = 'collected-rungs';

/**
 * Since this marker, the actions of a wake-up (the rungs due at one instant, 通报 and 曝光 of a
 * clustered deadline) are carried out before the view is published and projected, once, as the run
 * goes back to sleep: two fewer projections and memo writes per hazard at a clustered deadline.
 */
const ACTIONS_FIRST_PATCH = 'actions-before-projection';

/** The listed-supervision measure (挂牌督办) a major hazard gets on registration when the policy says so. */
const LISTED_SUPERVISION_ON_REGISTRATION: EscalationStep = {
  action: 'listed-supervision',
  offset: { days: 0, unit: 'calendar' },
  audience: 'responsible-unit',
  template: '{{unit}}的重大事故隐患“{{item}}”列入挂牌督办，须于{{dueOn}}前整改到位并报请审核销号。',
};

type MachineAction = { type: string; params?: unknown };

export async function hazardWorkflow(input: HazardWorkflowInput): Promise<HazardView> {
  const { rules, hazard } = input;
  const { campaign } = rules;
  const generation = engineGeneration(input.carriedOver);
  let calendar = runCalendarOf(input.carriedOver?.calendar ?? rules.runCalendar, generation, rules.calendar);
  const hazardPolicy = rules.hazardPolicy;
  // The API refuses these first; a hazard started otherwise fails at once, before its history holds anything else.
  if (!hazardPolicy) throw ApplicationFailure.nonRetryable(noHazardPolicyRefusal(campaign.title), 'NoHazardPolicy');
  const levelPolicy = hazardPolicy.levels[hazard.level];
  if (!levelPolicy) {
    throw ApplicationFailure.nonRetryable(
      `隐患等级“${hazard.level}”不在本行动的隐患治理规则中（可用：${Object.keys(hazardPolicy.levels).join('、')}）`,
      'UnknownHazardLevel',
    );
  }
  const ladderId = levelPolicy.ladder;
  const ladder = ladderId ? rules.escalationLadders[ladderId] : undefined;
  const clock = createCampaignClock({ simulation: input.simulation, carriedOffsetMs: input.carriedOver?.clockOffsetMs });
  const today = (): string => epochMsToLocalDate(clock.now(), campaign.timeZone);
  const now = (): string => new Date(clock.now()).toISOString();

  const pendingActions: MachineAction[] = [];
  // Runs carried over from before the view was kept bring no revision: counting starts again at 0.
  let state: HazardRunState & { revision: number };
  if (input.carriedOver) {
    state = { revision: 0, ...input.carriedOver, generation };
  } else {
    const registeredOn = hazard.registeredOn ?? today();
    const dueOn = hazard.dueOn ?? hazardDeadline(hazardPolicy, hazard.level, registeredOn, calendar);
    const [initial, actions] = initialTransition(hazardMachine, {
      dueOn,
      listedSupervision: levelPolicy.listedSupervision,
      verificationBeforeClosing: levelPolicy.verificationBeforeClosing,
      reinspection: levelPolicy.reinspectAfter !== undefined,
    });
    pendingActions.push(...actions);
    state = {
      machine: { value: initial.value, context: initial.context },
      escalationLog: [],
      history: [
        {
          at: now(),
          event: 'registered',
          by: hazard.responsiblePerson,
          detail: `${DISCOVERY_CHANNEL_LABELS[hazard.discoveredThrough]}发现：${hazard.description}（${hazard.location}），限${dueOn}前整改`,
          requestId: hazard.requestId,
        },
      ],
      registeredOn,
      closedOn: null,
      clockOffsetMs: clock.offsetMs,
      revision: 0,
      generation,
    };
  }
  let snapshot = hazardMachine.resolveState(state.machine);
  /** Every change of what the view shows counts once; the main loop waits for it to move. */
  const changed = (): void => {
    state.revision += 1;
  };
  let publishedRevision: number | undefined;

  const status = (): HazardStatus => hazardStatusOf(snapshot.value);
  /** The sector the hazard names, else its unit's on the unit tree: where a step collected by sector gathers it. */
  const hazardSector = () => rules.sectors?.find((sector) => sector.id === hazard.sector) ?? (rules.units ? unitSector(rules.units, hazard.unitId) : undefined);
  const item = (): OverdueItem => ({
    kind: 'hazard',
    id: hazard.hazardId,
    title: hazard.description,
    unitId: hazard.unitId,
    unitName: hazard.unitName,
    unitHead: hazard.unitHead,
    dueOn: snapshot.context.dueOn,
    hazardLevel: hazard.level,
    location: hazard.location,
  });
  /**
   * The ladder counts from the time limit; since generation 2, a hazard registered already past its
   * time limit (an old ledger entry) is escalated from the day it was registered, and no rung
   * planned before that day is taken late.
   */
  const ladderBase = (dueOn = snapshot.context.dueOn): string => (generation >= 2 && state.registeredOn > dueOn ? state.registeredOn : dueOn);
  const rungAfter = (stepsTaken: number) =>
    nextEscalation(ladder, ladderBase(), stepsTaken, calendar, {
      timeZone: campaign.timeZone,
      escalationTime: campaign.escalationTime,
      ...(generation >= 2
        ? { notBefore: state.registeredOn, overdueFrom: overdueInstant(snapshot.context, { timeZone: campaign.timeZone, clockOffsetMs: 0 }) }
        : {}),
    });
  const upcoming = () =>
    status() === HazardStatus.rectifying || status() === HazardStatus.extensionRequested ? rungAfter(snapshot.context.stepsTaken) : undefined;

  /** The ladder on calendar dates, for the people who read the hazard (taken rungs on the day they were planned for). */
  const ladderRungs = (): LadderRung[] => {
    if (!ladder || !ladderId) return [];
    const open = OPEN_HAZARD_STATUSES.includes(status());
    return scheduleEscalation(ladder, ladderBase(), calendar).map((rung, stepIndex) => {
      const taken = state.escalationLog.findLast((e) => e.ladderId === ladderId && e.stepIndex === stepIndex);
      const passed = stepIndex < snapshot.context.stepsTaken;
      const rungState = passed ? (taken ? LadderRungState.taken : LadderRungState.passedOver) : open ? LadderRungState.upcoming : LadderRungState.notNeeded;
      return {
        stepIndex,
        action: rung.action,
        actionLabel: ESCALATION_ACTION_LABELS[rung.action],
        on: passed && taken ? epochMsToLocalDate(Date.parse(taken.plannedAt), campaign.timeZone) : rung.on,
        state: rungState,
      };
    });
  };

  const publishSearchAttributes = (): void => {
    upsertSearchAttributes(
      hazardSearchAttributes(rules, hazard, {
        status: status(),
        escalationStage: snapshot.context.escalationStage,
        dueOn: snapshot.context.dueOn,
        clockOffsetMs: clock.offsetMs,
      }),
    );
  };

  const view = (): HazardView => {
    const next = upcoming();
    const judgedBy = { status: status(), dueOn: snapshot.context.dueOn, timeZone: campaign.timeZone, clockOffsetMs: clock.offsetMs };
    return {
      hazard,
      campaignId: campaign.id,
      jurisdiction: campaign.jurisdiction,
      revision: state.revision,
      status: status(),
      statusLabel: HAZARD_STATUS_LABELS[status()],
      dueOn: snapshot.context.dueOn,
      deadlines: snapshot.context.deadlines,
      overdue: isHazardOverdue(judgedBy, Date.now()),
      underListedSupervision: snapshot.context.underListedSupervision,
      escalationStage: snapshot.context.escalationStage,
      nextEscalation: next
        ? { stepIndex: next.stepIndex, action: next.step.action, actionLabel: ESCALATION_ACTION_LABELS[next.step.action], at: new Date(next.at).toISOString() }
        : null,
      ladder: ladderRungs(),
      reinspectionDueOn:
        status() === HazardStatus.awaitingReinspection && state.closedOn
          ? (reinspectionDate(hazardPolicy, hazard.level, state.closedOn, calendar) ?? null)
          : null,
      extensionRequest: snapshot.context.extensionRequest,
      escalationLog: state.escalationLog,
      history: state.history,
      registeredOn: state.registeredOn,
      closedOn: state.closedOn,
      timeZone: campaign.timeZone,
      clockOffsetMs: clock.offsetMs,
    };
  };

  /**
   * Keeps the current view in the memo, and its instant in StateChangedAt, once per change: the
   * API reads hazards from there (describe, or its change feed over visibility) without a query,
   * which would replay the run on a worker.
   */
  const publishView = (): void => {
    if (publishedRevision === state.revision || !patched(VIEW_IN_MEMO_PATCH)) return;
    publishedRevision = state.revision;
    upsertMemo({ [HAZARD_VIEW_MEMO_KEY]: view() });
    upsertSearchAttributes([{ key: searchAttributeKeys.StateChangedAt, value: new Date() }]);
  };

  let projectedRevision: number | undefined;
  /** Hands the view to the reporting projection (PostgreSQL) once per change, as publishView keeps it in the memo. */
  const projectRecords = async (): Promise<void> => {
    if (projectedRevision === state.revision || !patched(RECORDS_PROJECTION_PATCH)) return;
    projectedRevision = state.revision;
    await projectHazard(hazardSnapshot(workflowInfo().workflowId, view()));
  };

  /** Feeds one event to the machine; its actions are queued for the main loop to carry out. */
  const apply = (event: HazardEvent, entry?: Omit<HazardHistoryEntry, 'at'>): void => {
    const before = status();
    const [next, actions] = transition(hazardMachine, snapshot, event);
    snapshot = next;
    state.machine = { value: next.value, context: next.context };
    pendingActions.push(...actions);
    if (entry) state.history.push({ at: now(), ...entry });
    const after = status();
    if (after !== before && (after === HazardStatus.closed || after === HazardStatus.awaitingReinspection)) state.closedOn ??= today();
    if (after === HazardStatus.rectifying && before === HazardStatus.awaitingReinspection) state.closedOn = null;
    changed();
    publishSearchAttributes();
  };

  /** Update validator: refuse an event the hazard cannot take in its current state. */
  const acceptable = (event: HazardEvent): void => {
    if (!snapshot.can(event)) {
      throw new Error(`隐患当前状态为“${HAZARD_STATUS_LABELS[status()]}”，不能执行此操作（${event.type}）`);
    }
  };

  /**
   * One update = one machine event: refused by its validator when the hazard cannot take it now,
   * else fed to the machine and written into the history with the caller and the request id.
   */
  const handleUpdate = <U extends { requestId?: string }>(
    update: UpdateDefinition<HazardView, [U]>,
    toEvent: (u: U) => HazardEvent,
    entryOf: (u: U) => Omit<HazardHistoryEntry, 'at' | 'requestId'>,
    precondition?: (u: U) => void,
  ): void => {
    setHandler(
      update,
      (u) => {
        // The entry is read before the event is applied: it may describe the state it changes.
        apply(toEvent(u), { ...entryOf(u), requestId: u.requestId });
        return view();
      },
      {
        validator: (u) => {
          precondition?.(u);
          acceptable(toEvent(u));
        },
      },
    );
  };

  handleUpdate(
    submitRectificationUpdate,
    (u) => ({ type: 'RECTIFICATION.SUBMITTED', evidence: u.evidence, note: u.note }),
    (u) => ({ event: 'rectification-submitted', by: u.by, detail: [u.note, ...u.evidence].filter(Boolean).join('；') }),
  );
  handleUpdate(
    verifyRectificationUpdate,
    (u) =>
      u.passed ? { type: 'VERIFICATION.PASSED', verifier: u.verifier } : { type: 'VERIFICATION.REJECTED', verifier: u.verifier, reason: u.reason ?? '' },
    (u) => ({ event: u.passed ? 'verified-and-closed' : 'verification-rejected', by: u.verifier, detail: u.reason }),
  );
  handleUpdate(
    requestExtensionUpdate,
    (u) => ({ type: 'EXTENSION.REQUESTED', requestedDueOn: u.requestedDueOn, reason: u.reason }),
    (u) => ({ event: 'extension-requested', by: u.by, detail: `申请延期至${u.requestedDueOn}：${u.reason}` }),
  );
  handleUpdate(
    decideExtensionUpdate,
    (u) =>
      u.approved ? { type: 'EXTENSION.APPROVED', approver: u.approver } : { type: 'EXTENSION.DENIED', approver: u.approver, reason: u.reason ?? '' },
    (u) => ({
      event: u.approved ? 'extension-approved' : 'extension-denied',
      by: u.approver,
      detail: u.approved ? `整改期限延至${snapshot.context.extensionRequest?.requestedDueOn}` : u.reason,
    }),
  );
  handleUpdate(
    recordReinspectionUpdate,
    (u) =>
      u.passed
        ? { type: 'REINSPECTION.PASSED', inspector: u.inspector }
        : { type: 'REINSPECTION.FAILED', inspector: u.inspector, reason: u.reason ?? '', newDueOn: u.newDueOn ?? '' },
    (u) => ({
      event: u.passed ? 'reinspection-passed' : 'reopened-by-reinspection',
      by: u.inspector,
      detail: u.passed ? u.reason : `回头看发现问题：${u.reason ?? ''}，重新限${u.newDueOn}前整改`,
    }),
    (u) => {
      if (!u.passed && !(u.newDueOn && u.newDueOn > today())) throw new Error('回头看未通过时须给出今天之后的新整改期限（newDueOn）');
    },
  );

  setHandler(applyHazardCalendarUpdate, (u) => {
    // The rungs still to come, on their days: what a bureau reads to see what the update moved.
    const remaining = (dueOn: string) =>
      ladder ? scheduleEscalation(ladder, ladderBase(dueOn), calendar).slice(snapshot.context.stepsTaken).map((r) => ({ label: ESCALATION_ACTION_LABELS[r.action], on: r.on })) : [];
    const before = { dueOn: snapshot.context.dueOn, rungs: remaining(snapshot.context.dueOn) };
    state.calendar = u.calendar;
    calendar = createCalendar(u.calendar);
    // A time limit the policy set, never extended and still to come, is counted again on the new calendar.
    const recounted =
      OPEN_HAZARD_STATUSES.includes(status()) && hazard.dueOn === undefined && snapshot.context.deadlines.length === 1 && snapshot.context.dueOn >= today();
    const dueOn = recounted ? hazardDeadline(hazardPolicy, hazard.level, state.registeredOn, calendar) : before.dueOn;
    const moves = [
      ...(dueOn !== before.dueOn ? [`整改期限由${before.dueOn}改为${dueOn}`] : []),
      ...remaining(dueOn).flatMap((rung, i) => (before.rungs[i] && before.rungs[i].on !== rung.on ? [`${rung.label}由${before.rungs[i].on}改为${rung.on}`] : [])),
    ];
    const detail = `工作日日历更新为${u.calendar.years.map((y) => y.year).join('、')}年官方安排：${moves.join('；') || '期限和督促安排不变'}${u.reason ? `。${u.reason}` : ''}`;
    const entry = { event: 'calendar-updated', by: u.by, requestId: u.requestId, detail };
    if (dueOn !== before.dueOn) apply({ type: 'DEADLINE.RECOMPUTED', dueOn }, entry);
    else {
      state.history.push({ at: now(), ...entry });
      changed();
    }
    return view();
  });
  setHandler(hazardViewQuery, view);
  publishSearchAttributes();

  const carryOut = async (action: MachineAction): Promise<void> => {
    if (action.type === 'placeUnderListedSupervision') {
      state.escalationLog.push(
        await takeEscalationStep({
          campaign,
          item: item(),
          ladderId: `hazard-policy:${hazard.level}`,
          stepIndex: 0,
          step: LISTED_SUPERVISION_ON_REGISTRATION,
          plannedAt: clock.now(),
          stepKey: 'listed-supervision-on-registration',
          clock,
        }),
      );
    } else if (action.type === 'takeEscalationStep' && ladder && ladderId) {
      const { stepIndex } = action.params as { stepIndex: number };
      const step = ladder.steps[stepIndex];
      const planned = rungAfter(stepIndex);
      if (!step || !planned) return;
      // Steps are keyed by rung and by the deadline they escalate, so a reopened hazard's
      // second climb is a new delivery, while a retried rung is the same one.
      const taken = {
        campaign,
        item: item(),
        ladderId,
        stepIndex,
        step,
        plannedAt: planned.at,
        stepKey: `${snapshot.context.deadlines.length}/step-${stepIndex}`,
        clock,
        addressees: rules.units ? stepAddressees(rules.units, step, hazard.unitId, hazard.sector) : undefined,
      };
      const collection = step.collectBy ? collectionOf(step, hazardSector()) : undefined;
      // Only definitions with a collected step reach the marker; it keeps their histories apart.
      const joining = collection && patched(COLLECTED_RUNGS_PATCH) ? collection : undefined;
      state.escalationLog.push(
        await (joining
          ? joinCollectedStep({
              ...taken,
              collectedAction: {
                key: collectedActionKey(campaignRunId(campaign.id, campaign.jurisdiction), joining.key, ladderId, stepIndex, planned.at),
                clockOffsetMs: clock.offsetMs,
                ...(joining.sector ? { sector: joining.sector.id, sectorName: joining.sector.name } : {}),
              },
            })
          : takeEscalationStep(taken)),
      );
    } else if (action.type === 'replanEscalation') {
      state.history.push({ at: now(), event: 'escalation-replanned', detail: `督促步骤按新期限${snapshot.context.dueOn}重新排期` });
    } else {
      return;
    }
    changed();
  };

  for (;;) {
    // Since ACTIONS_FIRST_PATCH the rungs due now are all taken before the view is published and
    // projected once; before it, each intermediate state was published and projected too.
    if (!(pendingActions.length > 0 && patched(ACTIONS_FIRST_PATCH))) {
      publishView();
      await projectRecords();
    }
    while (pendingActions.length > 0) await carryOut(pendingActions.shift()!);
    if (snapshot.status === 'done') break;

    const next = upcoming();
    if (next?.skip) {
      apply({ type: 'ESCALATION.STEP_SKIPPED', stepIndex: next.stepIndex });
      continue;
    }
    if (next && next.at <= clock.now()) {
      apply({ type: 'ESCALATION.STEP_DUE', stepIndex: next.stepIndex, action: next.step.action });
      continue;
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW) {
      await condition(allHandlersFinished);
      if (pendingActions.length === 0) await continueAsNew<typeof hazardWorkflow>({ rules, hazard, carriedOver: state });
      continue;
    }
    publishView();
    await projectRecords();
    const seen = state.revision;
    await condition(() => state.revision !== seen, next ? clock.until(next.at) : undefined);
  }
  await condition(allHandlersFinished);
  publishView();
  await projectRecords();
  return view();
}
