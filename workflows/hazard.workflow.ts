/**
 * One run per hazard (隐患): from registration to 销号, escalating it rung by rung on the
 * campaign's calendar while it stays open past its deadline.
 *
 * xstate decides (hazard.machine.ts, pure `transition()`), the workflow acts: it sleeps until the
 * next rung falls due or an update arrives, feeds the event to the machine, and runs the actions
 * the machine returns as activities. Time is Temporal's. The other decisions are pure too
 * (hazard-ladder: the next rung and the ladder on dates; hazard-view: what the run shows;
 * hazard-state: the starting state, the closing day, a calendar update); this file wires them to
 * Temporal: a `HazardRun` holds the state, answers updates, publishes its view and takes rungs.
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
import { transition, type SnapshotFrom } from 'xstate';
import { createCalendar, type Calendar } from '../definitions/calendar';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import type { EscalationLadder, EscalationStep } from '../definitions/escalation.schema';
import type { HazardLevelPolicy, HazardPolicy } from '../definitions/hazard-policy.schema';
import { epochMsToLocalDate } from '../definitions/local-date';
import type { OverdueItem } from '../activities/escalation.types';
import { hazardSnapshot } from './records.contract';
import { RECORDS_PROJECTION_PATCH, projectHazard } from './records-projection';
import { createCampaignClock, type CampaignClock } from './campaign-clock';
import { collectedActionKey, joinCollectedStep, takeEscalationStep } from './escalation';
import { collectionOf, stepAddressees, unitSector } from '../definitions/audience';
import { campaignRunId } from '../definitions/campaign-run';
import { engineGeneration, runCalendarOf, type EngineGeneration } from './engine-generation';
import { HAZARD_STATUS_LABELS, HazardStatus, hazardSearchAttributes, noHazardPolicyRefusal } from './hazard.contract';
import { hazardMachine, hazardStatusOf, type HazardEvent } from './hazard.machine';
import {
  HAZARD_VIEW_MEMO_KEY,
  applyHazardCalendarUpdate,
  decideExtensionUpdate,
  hazardViewQuery,
  recordReinspectionUpdate,
  requestExtensionUpdate,
  submitRectificationUpdate,
  verifyRectificationUpdate,
  type HazardHistoryEntry,
  type HazardView,
  type HazardWorkflowInput,
} from './hazard.messages';
import { rungAfter, upcomingRung, type HazardLadder, type HazardStanding } from './hazard-ladder';
import { calendarChange, closedOnAfter, startingState, type MachineAction, type RevisedHazardState } from './hazard-state';
import { hazardView } from './hazard-view';
import * as updates from './hazard-updates';
import type { HazardUpdateMeaning } from './hazard-updates';
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

/** The policy of a hazard's level, or the refusal of a run that cannot have one (the API refuses these first). */
function levelPolicyOf(input: HazardWorkflowInput): { hazardPolicy: HazardPolicy; levelPolicy: HazardLevelPolicy } {
  const { rules, hazard } = input;
  const hazardPolicy = rules.hazardPolicy;
  // A hazard started otherwise fails at once, before its history holds anything else.
  if (!hazardPolicy) throw ApplicationFailure.nonRetryable(noHazardPolicyRefusal(rules.campaign.title), 'NoHazardPolicy');
  const levelPolicy = hazardPolicy.levels[hazard.level];
  if (!levelPolicy) {
    throw ApplicationFailure.nonRetryable(
      `隐患等级“${hazard.level}”不在本行动的隐患治理规则中（可用：${Object.keys(hazardPolicy.levels).join('、')}）`,
      'UnknownHazardLevel',
    );
  }
  return { hazardPolicy, levelPolicy };
}

/** A hazard run's state with the machine snapshot and the rules it follows, and what the run does on each event. */
class HazardRun {
  readonly generation: EngineGeneration;
  calendar: Calendar;
  readonly hazardPolicy: HazardPolicy;
  readonly ladderId: string | undefined;
  readonly ladder: EscalationLadder | undefined;
  readonly clock: CampaignClock;
  readonly state: RevisedHazardState;
  snapshot: SnapshotFrom<typeof hazardMachine>;
  /** The machine's actions not carried out yet: the main loop carries them out in order. */
  readonly pendingActions: MachineAction[] = [];
  publishedRevision: number | undefined;
  projectedRevision: number | undefined;
  /**
   * The newer behaviours, decided once as the run starts, before any local activity: a patched()
   * first called after a local activity in the same workflow task is reported as non-determinism
   * when the run is replayed (its marker comes before the command on replay) — the crash fault
   * test caught it, every restarted worker stuck on the runs it replayed. The collected-rung marker
   * is asked only by runs whose ladder has a collected step, so other runs' histories stay as they were.
   */
  readonly actionsFirst: boolean;
  readonly collectsRungs: boolean;

  constructor(readonly input: HazardWorkflowInput) {
    const { rules, hazard, carriedOver } = input;
    this.generation = engineGeneration(carriedOver);
    this.calendar = runCalendarOf(carriedOver?.calendar ?? rules.runCalendar, this.generation, rules.calendar);
    const policy = levelPolicyOf(input);
    this.hazardPolicy = policy.hazardPolicy;
    this.ladderId = policy.levelPolicy.ladder;
    this.ladder = this.ladderId ? rules.escalationLadders[this.ladderId] : undefined;
    this.clock = createCampaignClock({ simulation: input.simulation, carriedOffsetMs: carriedOver?.clockOffsetMs });
    if (carriedOver) {
      // Runs carried over from before the view was kept bring no revision: counting starts again at 0.
      this.state = { revision: 0, ...carriedOver, generation: this.generation };
    } else {
      const started = startingState(hazard, policy, this.calendar, this.generation, { today: this.today(), iso: this.now(), clockOffsetMs: this.clock.offsetMs });
      this.state = started.state;
      this.pendingActions.push(...started.actions);
    }
    this.snapshot = hazardMachine.resolveState(this.state.machine);
    this.actionsFirst = patched(ACTIONS_FIRST_PATCH);
    this.collectsRungs = this.ladder?.steps.some((step) => step.collectBy !== undefined) === true && patched(COLLECTED_RUNGS_PATCH);
  }

  today = (): string => epochMsToLocalDate(this.clock.now(), this.input.rules.campaign.timeZone);
  now = (): string => new Date(this.clock.now()).toISOString();
  status = (): HazardStatus => hazardStatusOf(this.snapshot.value);

  /** The ladder as it is counted now (the calendar changes with a calendar update). */
  ladderNow(calendar = this.calendar): HazardLadder {
    const { campaign } = this.input.rules;
    return { ladderId: this.ladderId, ladder: this.ladder, calendar, generation: this.generation, timeZone: campaign.timeZone, escalationTime: campaign.escalationTime };
  }

  standing(): HazardStanding {
    return { status: this.status(), context: this.snapshot.context, registeredOn: this.state.registeredOn };
  }

  view = (): HazardView => hazardView(this.input, this.state, this.ladderNow(), this.standing(), { nowMs: Date.now(), clockOffsetMs: this.clock.offsetMs });

  /** Every change of what the view shows counts once; the main loop waits for it to move. */
  changed(): void {
    this.state.revision += 1;
  }

  publishSearchAttributes(): void {
    const { context } = this.snapshot;
    upsertSearchAttributes(
      hazardSearchAttributes(this.input.rules, this.input.hazard, {
        status: this.status(),
        escalationStage: context.escalationStage,
        dueOn: context.dueOn,
        clockOffsetMs: this.clock.offsetMs,
      }),
    );
  }

  /**
   * Keeps the current view in the memo, and its instant in StateChangedAt, once per change: the
   * API reads hazards from there (describe, or its change feed over visibility) without a query,
   * which would replay the run on a worker.
   */
  publishView(): void {
    if (this.publishedRevision === this.state.revision || !patched(VIEW_IN_MEMO_PATCH)) return;
    this.publishedRevision = this.state.revision;
    upsertMemo({ [HAZARD_VIEW_MEMO_KEY]: this.view() });
    upsertSearchAttributes([{ key: searchAttributeKeys.StateChangedAt, value: new Date() }]);
  }

  /** Hands the view to the reporting projection (PostgreSQL) once per change, as publishView keeps it in the memo. */
  async projectRecords(): Promise<void> {
    if (this.projectedRevision === this.state.revision || !patched(RECORDS_PROJECTION_PATCH)) return;
    this.projectedRevision = this.state.revision;
    await projectHazard(hazardSnapshot(workflowInfo().workflowId, this.view()));
  }

  /** Publishes and projects the view (each once per change). */
  async publish(): Promise<void> {
    this.publishView();
    await this.projectRecords();
  }

  /** Feeds one event to the machine; its actions are queued for the main loop to carry out. */
  apply(event: HazardEvent, entry?: Omit<HazardHistoryEntry, 'at'>): void {
    const before = this.status();
    const [next, actions] = transition(hazardMachine, this.snapshot, event);
    this.snapshot = next;
    this.state.machine = { value: next.value, context: next.context };
    this.pendingActions.push(...actions);
    if (entry) this.state.history.push({ at: this.now(), ...entry });
    this.state.closedOn = closedOnAfter(before, this.status(), this.state.closedOn, this.today());
    this.changed();
    this.publishSearchAttributes();
  }

  /** Update validator: refuse an event the hazard cannot take in its current state. */
  acceptable(event: HazardEvent): void {
    if (!this.snapshot.can(event)) {
      throw new Error(`隐患当前状态为“${HAZARD_STATUS_LABELS[this.status()]}”，不能执行此操作（${event.type}）`);
    }
  }

  /**
   * One update = one machine event: refused by its validator when the hazard cannot take it now,
   * else fed to the machine and written into the history with the caller and the request id.
   */
  handleUpdate<U extends { requestId?: string }>(update: UpdateDefinition<HazardView, [U]>, meaning: HazardUpdateMeaning<NoInfer<U>>): void {
    setHandler(
      update,
      (u) => {
        // The entry is read before the event is applied: it may describe the state it changes.
        this.apply(meaning.event(u), { ...meaning.entry(u, this.snapshot.context), requestId: u.requestId });
        return this.view();
      },
      {
        validator: (u) => {
          const refusal = meaning.refusal?.(u, this.today());
          if (refusal) throw new Error(refusal);
          this.acceptable(meaning.event(u));
        },
      },
    );
  }

  /** The updates of the closed loop (整改, 审核, 延期, 回头看), the calendar update and the view query. */
  setHandlers(): void {
    this.handleUpdate(submitRectificationUpdate, updates.submitRectification);
    this.handleUpdate(verifyRectificationUpdate, updates.verifyRectification);
    this.handleUpdate(requestExtensionUpdate, updates.requestExtension);
    this.handleUpdate(decideExtensionUpdate, updates.decideExtension);
    this.handleUpdate(recordReinspectionUpdate, updates.recordReinspection);
    setHandler(applyHazardCalendarUpdate, (u) => this.applyCalendar(u));
    setHandler(hazardViewQuery, this.view);
  }

  /** A campaign's calendar update reaching the hazard: the new calendar, the time limit recounted when it is the policy's, a history line saying what moved. */
  applyCalendar(u: { calendar: RunCalendar; by: string; reason?: string; requestId?: string }): HazardView {
    const newCalendar = createCalendar(u.calendar);
    const facts = { hazard: this.input.hazard, hazardPolicy: this.hazardPolicy, today: this.today() };
    const change = calendarChange({ before: this.ladderNow(), after: this.ladderNow(newCalendar) }, this.standing(), facts, u);
    this.state.calendar = u.calendar;
    this.calendar = newCalendar;
    const entry = { event: 'calendar-updated', by: u.by, requestId: u.requestId, detail: change.detail };
    if (change.dueOn !== this.snapshot.context.dueOn) this.apply({ type: 'DEADLINE.RECOMPUTED', dueOn: change.dueOn }, entry);
    else {
      this.state.history.push({ at: this.now(), ...entry });
      this.changed();
    }
    return this.view();
  }

  /** The sector the hazard names, else its unit's on the unit tree: where a step collected by sector gathers it. */
  hazardSector() {
    const { rules, hazard } = this.input;
    return rules.sectors?.find((sector) => sector.id === hazard.sector) ?? (rules.units ? unitSector(rules.units, hazard.unitId) : undefined);
  }

  item(): OverdueItem {
    const { hazard } = this.input;
    return {
      kind: 'hazard',
      id: hazard.hazardId,
      title: hazard.description,
      unitId: hazard.unitId,
      unitName: hazard.unitName,
      unitHead: hazard.unitHead,
      dueOn: this.snapshot.context.dueOn,
      hazardLevel: hazard.level,
      location: hazard.location,
    };
  }

  /** Carries out one action of the machine as an activity (or a line of the history). */
  async carryOut(action: MachineAction): Promise<void> {
    if (action.type === 'placeUnderListedSupervision') {
      const { campaign } = this.input.rules;
      this.state.escalationLog.push(
        await takeEscalationStep({
          campaign,
          item: this.item(),
          ladderId: `hazard-policy:${this.input.hazard.level}`,
          stepIndex: 0,
          step: LISTED_SUPERVISION_ON_REGISTRATION,
          plannedAt: this.clock.now(),
          stepKey: 'listed-supervision-on-registration',
          clock: this.clock,
        }),
      );
    } else if (action.type === 'takeEscalationStep' && this.ladder && this.ladderId) {
      const { stepIndex } = action.params as { stepIndex: number };
      if (!(await this.takeRung(this.ladder, this.ladderId, stepIndex))) return;
    } else if (action.type === 'replanEscalation') {
      this.state.history.push({ at: this.now(), event: 'escalation-replanned', detail: `督促步骤按新期限${this.snapshot.context.dueOn}重新排期` });
    } else {
      return;
    }
    this.changed();
  }

  /** Takes one rung of the ladder, or joins its collected action; false when there is no such rung. */
  async takeRung(ladder: EscalationLadder, ladderId: string, stepIndex: number): Promise<boolean> {
    const { rules, hazard } = this.input;
    const { campaign } = rules;
    const step = ladder.steps[stepIndex];
    const planned = rungAfter(this.ladderNow(), this.standing(), stepIndex);
    if (!step || !planned) return false;
    // Steps are keyed by rung and by the deadline they escalate, so a reopened hazard's
    // second climb is a new delivery, while a retried rung is the same one.
    const taken = {
      campaign,
      item: this.item(),
      ladderId,
      stepIndex,
      step,
      plannedAt: planned.at,
      stepKey: `${this.snapshot.context.deadlines.length}/step-${stepIndex}`,
      clock: this.clock,
      addressees: rules.units ? stepAddressees(rules.units, step, hazard.unitId, hazard.sector) : undefined,
    };
    const collection = step.collectBy ? collectionOf(step, this.hazardSector()) : undefined;
    const joining = collection && this.collectsRungs ? collection : undefined;
    this.state.escalationLog.push(
      await (joining
        ? joinCollectedStep({
            ...taken,
            collectedAction: {
              key: collectedActionKey(campaignRunId(campaign.id, campaign.jurisdiction), joining.key, ladderId, stepIndex, planned.at),
              clockOffsetMs: this.clock.offsetMs,
              ...(joining.sector ? { sector: joining.sector.id, sectorName: joining.sector.name } : {}),
            },
          })
        : takeEscalationStep(taken)),
    );
    return true;
  }

  /** Sleeps until the next rung falls due or an update arrives, and acts, until the hazard's loop is done. */
  async run(): Promise<HazardView> {
    for (;;) {
      // Since ACTIONS_FIRST_PATCH the rungs due now are all taken before the view is published and
      // projected once; before it, each intermediate state was published and projected too.
      if (!(this.pendingActions.length > 0 && this.actionsFirst)) await this.publish();
      while (this.pendingActions.length > 0) await this.carryOut(this.pendingActions.shift()!);
      if (this.snapshot.status === 'done') break;

      const next = upcomingRung(this.ladderNow(), this.standing());
      if (next?.skip) {
        this.apply({ type: 'ESCALATION.STEP_SKIPPED', stepIndex: next.stepIndex });
        continue;
      }
      if (next && next.at <= this.clock.now()) {
        this.apply({ type: 'ESCALATION.STEP_DUE', stepIndex: next.stepIndex, action: next.step.action });
        continue;
      }
      if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW) {
        await condition(allHandlersFinished);
        const { rules, hazard } = this.input;
        if (this.pendingActions.length === 0) await continueAsNew<typeof hazardWorkflow>({ rules, hazard, carriedOver: this.state });
        continue;
      }
      await this.publish();
      const seen = this.state.revision;
      await condition(() => this.state.revision !== seen, next ? this.clock.until(next.at) : undefined);
    }
    await condition(allHandlersFinished);
    await this.publish();
    return this.view();
  }
}

export async function hazardWorkflow(input: HazardWorkflowInput): Promise<HazardView> {
  const run = new HazardRun(input);
  run.setHandlers();
  run.publishSearchAttributes();
  return run.run();
}
