/**
 * One run per campaign (专项整治行动), pinned to the definition version it was started with.
 *
 * It moves the phases on the timeline's dates, opens every duty occurrence for every unit that owes
 * it, tracks the milestones until they are confirmed, accepts submissions, confirmations and an
 * imported ledger, and climbs the ladder of each obligation that is late. The decisions are pure
 * (campaign-plan, -phases, -obligations, -agenda, -view); the workflow wires them to Temporal:
 * it sleeps until the next thing due or an update, and takes each rung as an activity.
 *
 * A live run adopts the campaign on the day it starts: what fell due before that day was never
 * asked for through the engine, so it is shown as such and never escalated, unless an operator
 * imports it as overdue. Time is Temporal's (shifted for a simulation).
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { createCalendar } from '../definitions/calendar';
import { LEGACY_OFFICIAL_YEARS } from '../definitions/legacy-calendar';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { epochMsToLocalDate } from '../definitions/local-date';
import { createCampaignClock } from './campaign-clock';
import { campaignRef, campaignSearchAttributes } from './campaign.contract';
import {
  campaignDefinitionQuery,
  campaignViewQuery,
  confirmMilestoneUpdate,
  importLedgerUpdate,
  migrateCampaignUpdate,
  submitDutyUpdate,
  type CampaignLogEntry,
  type CampaignRunState,
  type CampaignView,
  type CampaignWorkflowInput,
} from './campaign.messages';
import { CampaignAgenda, milestoneKey, subjectOf, type LadderSubject } from './campaign-agenda';
import { applyLedger, applyToObligation, confirmMilestone, ledgerRefusals, milestoneRefusal, nextOpenDueDate, occurrenceKey, openThrough } from './campaign-obligations';
import { firstDateAfter, planCampaign, unitName, type CampaignPlan } from './campaign-plan';
import { advancePhases, currentPhase, phasesThrough } from './campaign-phases';
import { campaignView, milestoneViews, occurrenceView, type ViewedAt } from './campaign-view';
import { overdueInstant } from './deadline.contract';
import type { OccurrenceEvent } from './duty-occurrence.machine';
import { engineGeneration, type EngineGeneration } from './engine-generation';
import { takeEscalationStep } from './escalation';
import { campaignRevision, campaignSnapshot } from './records.contract';
import { RECORDS_PROJECTION_PATCH, projectCampaign } from './records-projection';

/** A three-year campaign with hundreds of late reports still continues-as-new well before Temporal's limits. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

// Transitional (issue 9): the frozen table engine 0.1 read from chinese-days, until runs carry their calendar.
const planOf = (definition: CampaignDefinition): CampaignPlan =>
  planCampaign(definition, createCalendar({ years: LEGACY_OFFICIAL_YEARS, ...(definition.calendar ? { overrides: definition.calendar } : {}) }));

function initialState(input: CampaignWorkflowInput, generation: EngineGeneration, at: { iso: string; today: string; offsetMs: number }): CampaignRunState {
  // Since generation 2, a live run takes the campaign over on its first day; a simulation plays it
  // from its start unless it rehearses such a takeover.
  const adoptedOn = generation >= 2 && (!input.simulation || input.simulation.adopt) ? at.today : null;
  const adoption = adoptedOn ? `；自${adoptedOn}起由本系统督办，此前到期的事项不予督办（可导入台账）` : '';
  return {
    definition: input.definition,
    processedThrough: null,
    occurrences: {},
    milestones: {},
    escalationLog: [],
    clockOffsetMs: at.offsetMs,
    adoptedOn,
    generation,
    log: [
      {
        at: at.iso,
        event: 'campaign-started',
        detail: `按第${input.definition.version}版方案启动：${input.definition.title.zh}${adoption}`,
        requestId: input.requestId,
      },
    ],
  };
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignView> {
  const generation = engineGeneration(input.carriedOver);
  const timeZone = (input.carriedOver?.definition ?? input.definition).timeZone;
  const clock = createCampaignClock({ simulation: input.simulation, carriedOffsetMs: input.carriedOver?.clockOffsetMs });
  const now = (): string => new Date(clock.now()).toISOString();
  const today = (): string => epochMsToLocalDate(clock.now(), timeZone);
  const state: CampaignRunState = input.carriedOver
    ? { ...input.carriedOver, generation }
    : initialState(input, generation, { iso: now(), today: today(), offsetMs: clock.offsetMs });
  let plan = planOf(state.definition);
  let phases = phasesThrough(plan, state.processedThrough);
  const agenda = new CampaignAgenda(state, plan);
  const run = { timeZone, clockOffsetMs: clock.offsetMs };
  const viewedAt = (): ViewedAt => ({ nowMs: Date.now(), today: today(), run });
  /** Every change the main loop must see; it waits for this to move. */
  let changes = 0;
  let projectedRevision: number | undefined;
  const record = (entry: Omit<CampaignLogEntry, 'at'>): void => {
    state.log.push({ at: now(), ...entry });
  };

  const publishSearchAttributes = (): void => {
    upsertSearchAttributes(campaignSearchAttributes(plan.definition, phases.status === 'done' ? 'completed' : (currentPhase(plan, phases)?.id ?? 'pending')));
  };

  /** Everything dated up to today: phase changes, milestones falling due, occurrences opening. */
  const catchUp = (): void => {
    const day = today();
    const after = state.processedThrough;
    if (after !== null && day <= after) return;
    const fresh = (date: string): boolean => (after === null || date > after) && date <= day;
    for (const checkpoint of plan.timeline.checkpoints.filter(fresh)) {
      const change = advancePhases(plan, phases, checkpoint);
      phases = change.snapshot;
      for (const phaseId of change.entered) record({ event: 'phase-entered', detail: `进入“${plan.timeline.phases.find((p) => p.id === phaseId)?.name ?? phaseId}”阶段` });
      if (change.completed) record({ event: 'campaign-completed', detail: '行动各阶段已结束' });
    }
    for (const milestone of plan.timeline.milestones.filter((m) => fresh(m.dueOn))) {
      record({ event: 'milestone-due', detail: `节点到期：${milestone.title}（${milestone.dueOn}）` });
    }
    const opened = openThrough(state, plan, day);
    opened.lines.forEach(record);
    if (opened.added > 0) agenda.rebuild(plan);
    state.processedThrough = day;
    changes += 1;
    publishSearchAttributes();
  };

  registerHandlers();
  if (!input.carriedOver) publishSearchAttributes();
  if (plan.timeline.phases.length === 0) {
    throw ApplicationFailure.nonRetryable(`行动“${plan.definition.id}”没有任何阶段`, 'InvalidCampaignDefinition');
  }

  for (;;) {
    catchUp();
    await takeDueRungs();
    await projectRecords();
    const wakeAt = nextWakeAt();
    if (phases.status === 'done' && wakeAt === undefined) break;
    const historyLimit = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit) {
      await condition(allHandlersFinished);
      record({ event: 'continued-as-new', detail: `历史事件达${workflowInfo().historyLength}条，带状态续跑` });
      await continueAsNew<typeof campaignWorkflow>({ ...input, definition: state.definition, carriedOver: state });
    }
    const seen = changes;
    await condition(() => changes !== seen, wakeAt === undefined ? undefined : Math.max(clock.until(wakeAt), 1));
  }
  await condition(allHandlersFinished);
  await projectRecords();
  return campaignView(state, plan, phases, viewedAt());

  /**
   * The next instant (on the run's clock) something is due: a calendar date, an obligation turning
   * late (so the run never completes while something is owed and not yet late), or a rung.
   */
  function nextWakeAt(): number | undefined {
    const after = state.processedThrough;
    const date = firstDateAfter(plan.calendarDates, after);
    const dueDate = after === null ? undefined : nextOpenDueDate(state, after, generation >= 2);
    const onRunClock = { timeZone, clockOffsetMs: 0 };
    const instants = [
      ...(date ? [overdueInstant({ dueOn: date, dueTime: '00:00' }, onRunClock)] : []),
      ...(dueDate ? [overdueInstant({ dueOn: dueDate }, onRunClock)] : []),
      ...(agenda.first() ? [agenda.first()!.at] : []),
    ];
    return instants.length > 0 ? Math.min(...instants) : undefined;
  }

  /** Takes every rung that has fallen due, oldest first; passes over those planned before the run took the item over. */
  async function takeDueRungs(): Promise<void> {
    for (let entry = agenda.first(); entry && (entry.skip || entry.at <= clock.now()); entry = agenda.first()) {
      const subject = subjectOf(state, plan, entry.key)!;
      const event: OccurrenceEvent = entry.skip
        ? { type: 'ESCALATION.STEP_SKIPPED', stepIndex: entry.stepIndex }
        : { type: 'ESCALATION.STEP_DUE', stepIndex: entry.stepIndex, action: entry.step.action };
      const actions = applyToSubject(subject, event);
      agenda.refresh(entry.key);
      if (!actions.some((action) => action.type === 'takeEscalationStep')) continue;
      state.escalationLog.push(
        await takeEscalationStep({
          campaign: campaignRef(plan.definition),
          item: overdueItemOf(subject),
          ladderId: subject.ladderId,
          stepIndex: entry.stepIndex,
          step: entry.step,
          plannedAt: entry.at,
          stepKey: subject.kind === 'milestone' ? `${subject.key}/step-${entry.stepIndex}` : `${subject.itemId}/${subject.unitId}/step-${entry.stepIndex}`,
          clock,
        }),
      );
    }
  }

  /** Hands the view to the reporting projection (PostgreSQL) when its logs have grown since the last time. */
  async function projectRecords(): Promise<void> {
    const revision = campaignRevision(state);
    if (projectedRevision === revision || !patched(RECORDS_PROJECTION_PATCH)) return;
    projectedRevision = revision;
    await projectCampaign(campaignSnapshot(workflowInfo().workflowId, campaignView(state, plan, phases, viewedAt()), timeZone));
  }

  function applyToSubject(subject: LadderSubject, event: OccurrenceEvent) {
    const { machine, actions } = applyToObligation(subject.machine, event);
    if (subject.kind === 'milestone') state.milestones![subject.itemId]!.owners[subject.unitId] = machine;
    else state.occurrences[subject.key]!.machine = machine;
    changes += 1;
    return actions;
  }

  function overdueItemOf(subject: LadderSubject) {
    const common = { id: subject.itemId, unitId: subject.unitId, unitName: unitName(plan, subject.unitId) };
    if (subject.kind === 'milestone') {
      const { title, dueOn } = plan.milestones.get(subject.itemId)!;
      return { kind: 'milestone' as const, ...common, title, dueOn };
    }
    const shown = occurrenceView(state.occurrences[subject.key]!, plan, viewedAt());
    return { kind: 'duty-occurrence' as const, ...common, title: `${shown.dutyTitle}（${shown.periodLabel}）`, dueOn: shown.dueOn };
  }

  function registerHandlers(): void {
    const findOccurrence = (occurrenceId: string, unitId: string) => {
      const entry = state.occurrences[occurrenceKey(occurrenceId, unitId)];
      if (!entry) throw new Error(`没有已开始的报送事项“${occurrenceId}”（单位 ${unitId}）`);
      return entry;
    };
    setHandler(
      submitDutyUpdate,
      (u) => {
        const entry = findOccurrence(u.occurrenceId, u.unitId);
        entry.machine = applyToObligation(entry.machine, { type: 'SUBMITTED', on: today() }).machine;
        agenda.refresh(occurrenceKey(u.occurrenceId, u.unitId));
        changes += 1;
        const shown = occurrenceView(entry, plan, viewedAt());
        record({ event: 'duty-submitted', detail: `${shown.unitName}报送了${shown.dutyTitle}（${shown.periodLabel}）${u.note ? `：${u.note}` : ''}（${u.by}）`, requestId: u.requestId });
        return shown;
      },
      {
        validator: (u) => {
          const entry = findOccurrence(u.occurrenceId, u.unitId);
          if (entry.machine.value === 'submitted') throw new Error(`“${u.occurrenceId}”（单位 ${u.unitId}）已于${entry.machine.context.submittedOn}报送`);
        },
      },
    );
    setHandler(
      confirmMilestoneUpdate,
      (u) => {
        const milestone = state.milestones![u.milestoneId]!;
        confirmMilestone(milestone, { on: today(), by: u.by, ...(u.note ? { note: u.note } : {}) });
        for (const owner of Object.keys(milestone.owners)) agenda.refresh(milestoneKey(u.milestoneId, owner));
        changes += 1;
        const shown = milestoneViews(state, plan, viewedAt()).find((m) => m.milestoneId === u.milestoneId)!;
        record({ event: 'milestone-confirmed', detail: `节点“${shown.title}”已确认完成${u.note ? `：${u.note}` : ''}（${u.by}）`, requestId: u.requestId });
        return shown;
      },
      { validator: (u) => refuseWith(milestoneRefusal(state, plan, u.milestoneId, u.unitId)) },
    );
    setHandler(
      importLedgerUpdate,
      (u) => {
        const { report, lines } = applyLedger(state, plan, u.entries, { by: u.by, today: today() });
        agenda.rebuild(plan);
        changes += 1;
        lines.forEach((line) => record({ ...line, detail: `${line.detail}${u.source ? `，来源：${u.source}` : ''}`, requestId: u.requestId }));
        return report;
      },
      { validator: (u) => refuseWith(ledgerRefusals(state, plan, u.entries, today()).join('\n') || undefined) },
    );
    setHandler(
      migrateCampaignUpdate,
      (u) => {
        const from = plan.definition.version;
        plan = planOf(u.definition);
        state.definition = u.definition;
        // The new version's phases at the day already reached, without announcing them again;
        // obligations already open keep their state, new ones open now.
        phases = phasesThrough(plan, state.processedThrough);
        if (state.processedThrough !== null) openThrough(state, plan, state.processedThrough).lines.forEach(record);
        agenda.rebuild(plan);
        record({ event: 'migrated', detail: `由第${from}版迁移到第${u.definition.version}版（${u.by}）${u.reason ? `：${u.reason}` : ''}`, requestId: u.requestId });
        changes += 1;
        publishSearchAttributes();
        return campaignView(state, plan, phases, viewedAt());
      },
      {
        validator: (u) => {
          if (u.definition.id !== plan.definition.id) throw new Error(`迁移的方案编号“${u.definition.id}”与本行动“${plan.definition.id}”不一致`);
          if (u.definition.version <= plan.definition.version) {
            throw new Error(`只能迁移到更新的版本：当前第${plan.definition.version}版，收到第${u.definition.version}版`);
          }
        },
      },
    );
    setHandler(campaignViewQuery, () => campaignView(state, plan, phases, viewedAt()));
    setHandler(campaignDefinitionQuery, () => plan.definition);
  }
}

/** Update validators refuse by throwing; the reason reaches the caller (the API answers 409 with it). */
function refuseWith(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}
