/**
 * One run per campaign (专项整治行动), pinned to the definition version and the working-day
 * calendar it was started with.
 *
 * It moves the phases on the timeline's dates, opens every duty occurrence for every unit that owes
 * it, tracks the milestones until they are confirmed, accepts submissions, confirmations, an
 * imported ledger, a migration and a calendar update, and climbs the ladder of each obligation that
 * is late. The decisions are pure (campaign-plan, -phases, -obligations, -agenda, -view); this file
 * wires them to Temporal: the run sleeps until the next thing due or an update, and takes each rung
 * as an activity.
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
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { RunCalendar } from '../definitions/calendar-year.schema';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { collectionOf, stepAddressees, unitSector, type Collection } from '../definitions/audience';
import { eventRefusal } from '../definitions/event';
import { epochMsToLocalDate } from '../definitions/local-date';
import { unitRef } from '../definitions/unit-tree';
import { LINES_HELD, carriedInput, recentLogs, restoredState } from './campaign-carried';
import { createCampaignClock, type CampaignClock } from './campaign-clock';
import { INVALID_EVENT, campaignRef, campaignSearchAttributes } from './campaign.contract';
import {
  applyCalendarUpdate,
  campaignDefinitionQuery,
  campaignViewQuery,
  confirmMilestoneUpdate,
  hazardRulesQuery,
  importLedgerUpdate,
  migrateCampaignUpdate,
  reportEventUpdate,
  submitDutyUpdate,
  type CalendarUpdateReport,
  type CampaignLogEntry,
  type CampaignRunState,
  type CampaignView,
  type CampaignWorkflowInput,
  type MovedDeadline,
} from './campaign.messages';
import { CampaignAgenda, milestoneKey, rungsDueTogether, subjectOf, type AgendaEntry, type LadderSubject } from './campaign-agenda';
import { applyLedger, applyToObligation, confirmMilestone, ledgerRefusals, milestoneRefusal, eventDutyDueOn, nextOpenOverdueInstant, occurrenceKey, openEventDuty, openThrough } from './campaign-obligations';
import { firstDateAfter, planCampaign, unitName, type CampaignPlan } from './campaign-plan';
import { advancePhases, currentPhase, phasesThrough, type PhaseSnapshot } from './campaign-phases';
import { campaignView, eventView, milestoneViews, occurrenceView, type ViewedAt } from './campaign-view';
import { overdueInstant } from './deadline.contract';
import type { OccurrenceEvent } from './duty-occurrence.machine';
import { engineGeneration, runCalendarOf, type EngineGeneration } from './engine-generation';
import { takeEscalationStep } from './escalation';
import { campaignRevision, campaignSnapshot } from './records.contract';
import { RECORDS_PROJECTION_PATCH, projectCampaign } from './records-projection';
import { hazardRulesFor } from './hazard.contract';

/** The marker of runs that have taken an event report (reportEvent). */
const CAMPAIGN_EVENTS_PATCH = 'campaign-events';
/** The marker of runs that have taken a step collected by sector (行业集中约谈). */
const SECTOR_ACTIONS_PATCH = 'sector-actions';
/** The marker of runs that take the rungs due together concurrently (a clustered deadline); runs recorded before take them one by one. */
const CONCURRENT_RUNGS_PATCH = 'concurrent-rungs';

type EscalationStepArgs = Parameters<typeof takeEscalationStep>[0];

/** A three-year campaign with hundreds of late reports still continues-as-new well before Temporal's limits. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

/** The campaign's own calendar corrections in a run's calendar, from the definition version it follows. */
function withOverridesOf(calendar: RunCalendar, definition: CampaignDefinition): RunCalendar {
  const { years } = calendar;
  return definition.calendar ? { years, overrides: { workingDays: definition.calendar.workingDays, holidays: definition.calendar.holidays } } : { years };
}

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
    ...(input.calendar ? { calendar: input.calendar, calendarRevision: 0 } : {}),
    log: [
      { at: at.iso, event: 'campaign-started', detail: `按第${input.definition.version}版方案启动：${input.definition.title.zh}${adoption}`, requestId: input.requestId },
    ],
  };
}

/** A campaign run's state with everything derived from it, and what the run does on each event. */
class CampaignRun {
  readonly generation: EngineGeneration;
  readonly clock: CampaignClock;
  readonly state: CampaignRunState;
  plan: CampaignPlan;
  phases: PhaseSnapshot;
  readonly agenda: CampaignAgenda;
  /** Every change the main loop must see; it waits for this to move. */
  changes = 0;

  constructor(readonly input: CampaignWorkflowInput) {
    this.generation = engineGeneration(input.carriedOver);
    this.clock = createCampaignClock({ simulation: input.simulation, carriedOffsetMs: input.carriedOver?.clockOffsetMs });
    const timeZone = (input.carriedOver?.definition ?? input.definition).timeZone;
    const at = { iso: new Date(this.clock.now()).toISOString(), today: epochMsToLocalDate(this.clock.now(), timeZone), offsetMs: this.clock.offsetMs };
    this.state = input.carriedOver ? { ...restoredState(input.carriedOver, input.definition), generation: this.generation } : initialState(input, this.generation, at);
    this.plan = this.planOf(this.state.definition);
    this.phases = phasesThrough(this.plan, this.state.processedThrough);
    this.agenda = new CampaignAgenda(this.state, this.plan);
  }

  planOf(definition: CampaignDefinition): CampaignPlan {
    return planCampaign(definition, runCalendarOf(this.state.calendar, this.generation, definition.calendar));
  }

  today = (): string => epochMsToLocalDate(this.clock.now(), this.plan.definition.timeZone);
  now = (): string => new Date(this.clock.now()).toISOString();
  viewedAt = (): ViewedAt => ({ nowMs: Date.now(), today: this.today(), run: { timeZone: this.plan.definition.timeZone, clockOffsetMs: this.clock.offsetMs } });
  view = (): CampaignView => campaignView(this.state, this.plan, this.phases, this.viewedAt());

  record(entry: Omit<CampaignLogEntry, 'at'>): void {
    this.state.log.push({ at: this.now(), ...entry });
  }

  publishSearchAttributes(): void {
    const phase = this.phases.status === 'done' ? 'completed' : (currentPhase(this.plan, this.phases)?.id ?? 'pending');
    upsertSearchAttributes(campaignSearchAttributes(this.plan.definition, phase));
  }

  /** Everything dated up to today: phase changes, milestones falling due, occurrences opening. */
  catchUp(): void {
    const day = this.today();
    const after = this.state.processedThrough;
    if (after !== null && day <= after) return;
    const fresh = (date: string): boolean => (after === null || date > after) && date <= day;
    for (const checkpoint of this.plan.timeline.checkpoints.filter(fresh)) {
      const change = advancePhases(this.plan, this.phases, checkpoint);
      this.phases = change.snapshot;
      for (const phaseId of change.entered) this.record({ event: 'phase-entered', detail: `进入“${this.plan.timeline.phases.find((p) => p.id === phaseId)?.name ?? phaseId}”阶段` });
      if (change.completed) this.record({ event: 'campaign-completed', detail: '行动各阶段已结束' });
    }
    for (const milestone of this.plan.timeline.milestones.filter((m) => fresh(m.dueOn))) {
      this.record({ event: 'milestone-due', detail: `节点到期：${milestone.title}（${milestone.dueOn}）` });
    }
    const opened = openThrough(this.state, this.plan, day);
    opened.lines.forEach((line) => this.record(line));
    if (opened.added > 0) this.agenda.rebuild(this.plan);
    this.state.processedThrough = day;
    this.changes += 1;
    this.publishSearchAttributes();
  }

  /**
   * The next instant (on the run's clock) something is due: a calendar date, an obligation turning
   * late (so the run never completes while something is owed and not yet late), or a rung.
   */
  nextWakeAt(): number | undefined {
    const after = this.state.processedThrough;
    const date = firstDateAfter(this.plan.calendarDates, after);
    const onRunClock = { timeZone: this.plan.definition.timeZone, clockOffsetMs: 0 };
    // An item due at a time of day (12:00) turns late then, not at the end of its day; the run wakes then so its view says so.
    const runClock = { ...onRunClock, clockOffsetMs: this.clock.offsetMs };
    const turnsLate = after === null ? undefined : nextOpenOverdueInstant(this.state, after, this.generation >= 2, runClock, this.clock.now());
    const instants = [
      ...(date ? [overdueInstant({ dueOn: date, dueTime: '00:00' }, onRunClock)] : []),
      ...(turnsLate !== undefined ? [turnsLate] : []),
      ...(this.agenda.first() ? [this.agenda.first()!.at] : []),
    ];
    return instants.length > 0 ? Math.min(...instants) : undefined;
  }

  /**
   * Takes every rung that has fallen due, oldest first; passes over those planned before the run
   * took the item over. Since 'concurrent-rungs', the rungs due together go as one batch
   * (takeRungsTogether); runs recorded before take them one at a time, as their histories say.
   */
  async takeDueRungs(): Promise<void> {
    for (let entry = this.agenda.first(); entry && this.isDue(entry); entry = this.agenda.first()) {
      const subject = subjectOf(this.state, this.plan, entry.key)!;
      const collection = this.collectionTaken(entry, subject);
      if (collection) await this.takeCollectedRung(entry, subject, collection);
      else if (patched(CONCURRENT_RUNGS_PATCH)) await this.takeRungsTogether();
      else await this.takeRung(entry, subject);
    }
  }

  private isDue(entry: AgendaEntry): boolean {
    return entry.skip || entry.at <= this.clock.now();
  }

  /** The collection a rung is taken once for (one 通报 for the run, 行业集中约谈), if it is collected. */
  private collectionTaken(entry: AgendaEntry, subject: LadderSubject): Collection | undefined {
    const collection = entry.skip ? undefined : collectionOf(entry.step, unitSector(this.plan.definition, subject.unitId));
    // Only definitions with a collected step reach this; the marker keeps their histories apart.
    return collection && patched(SECTOR_ACTIONS_PATCH) ? collection : undefined;
  }

  /** One rung, its activity awaited before the next: how runs recorded before 'concurrent-rungs' took every rung. */
  private async takeRung(entry: AgendaEntry, subject: LadderSubject): Promise<void> {
    const step = this.climb(entry, subject);
    if (step) this.state.escalationLog.push(await takeEscalationStep(step));
  }

  /**
   * The rungs due together at the front of the agenda (rungsDueTogether: at most CONCURRENT_RUNGS):
   * each obligation's machine climbs and the agenda is refreshed in agenda order, their activities
   * run concurrently (scheduled in one workflow task), and their lines join the escalation log in
   * agenda order whichever activity finishes first, so a replay writes the same log.
   */
  private async takeRungsTogether(): Promise<void> {
    const subject = (entry: AgendaEntry): LadderSubject => subjectOf(this.state, this.plan, entry.key)!;
    const batch = rungsDueTogether(this.agenda.all(), this.clock.now(), (entry) => this.collectionTaken(entry, subject(entry)) !== undefined);
    const steps = batch.flatMap((entry) => this.climb(entry, subject(entry)) ?? []);
    this.state.escalationLog.push(...(await Promise.all(steps.map((step) => takeEscalationStep(step)))));
  }

  /**
   * Feeds an obligation's machine its rung (due, or passed over) and schedules its next one; returns
   * what the activity is told when the machine says the step is taken.
   */
  private climb(entry: AgendaEntry, subject: LadderSubject): EscalationStepArgs | undefined {
    const event: OccurrenceEvent = entry.skip
      ? { type: 'ESCALATION.STEP_SKIPPED', stepIndex: entry.stepIndex }
      : { type: 'ESCALATION.STEP_DUE', stepIndex: entry.stepIndex, action: entry.step.action };
    const actions = this.applyToSubject(subject, event);
    this.agenda.refresh(entry.key);
    if (!actions.some((action) => action.type === 'takeEscalationStep')) return undefined;
    return {
      campaign: campaignRef(this.plan.definition),
      item: this.overdueItemOf(subject),
      ladderId: subject.ladderId,
      stepIndex: entry.stepIndex,
      step: entry.step,
      plannedAt: entry.at,
      stepKey: subject.kind === 'milestone' ? `${subject.key}/step-${entry.stepIndex}` : `${subject.itemId}/${subject.unitId}/step-${entry.stepIndex}`,
      clock: this.clock,
      addressees: stepAddressees(this.plan.definition, entry.step, subject.unitId),
    };
  }

  /**
   * A collected rung (one 通报 for the run, 行业集中约谈): every item of the collection on the same
   * ladder step at the same instant climbs it (each item's log shows its step), and one action is
   * taken for all of them, keyed by collection, day and step, so its record lists every unit gathered.
   */
  private async takeCollectedRung(entry: AgendaEntry, subject: LadderSubject, collection: Collection): Promise<void> {
    const definition = this.plan.definition;
    const group = this.agenda.all().flatMap((other) => {
      if (other.skip || other.at !== entry.at || other.stepIndex !== entry.stepIndex) return [];
      const member = subjectOf(this.state, this.plan, other.key);
      return member && member.ladderId === subject.ladderId && collectionOf(other.step, unitSector(definition, member.unitId))?.key === collection.key ? [{ other, member }] : [];
    });
    const items = [];
    for (const { other, member } of group) {
      const actions = this.applyToSubject(member, { type: 'ESCALATION.STEP_DUE', stepIndex: other.stepIndex, action: other.step.action });
      this.agenda.refresh(other.key);
      if (actions.some((action) => action.type === 'takeEscalationStep')) items.push(this.overdueItemOf(member));
    }
    if (items.length === 0) return;
    const day = epochMsToLocalDate(entry.at, definition.timeZone);
    const taken = await takeEscalationStep({
      campaign: campaignRef(definition),
      item: items[0]!,
      ladderId: subject.ladderId,
      stepIndex: entry.stepIndex,
      step: entry.step,
      plannedAt: entry.at,
      stepKey: `${collection.key.replace(':', '/')}/${day}/${subject.ladderId}/step-${entry.stepIndex}`,
      clock: this.clock,
      addressees: stepAddressees(definition, entry.step, items[0]!.unitId, collection.sector?.id),
      collected: { ...(collection.sector ? { sector: collection.sector.id, sectorName: collection.sector.name } : {}), items },
    });
    for (const item of items) this.state.escalationLog.push({ ...taken, itemId: item.id, unitId: item.unitId });
  }

  private applyToSubject(subject: LadderSubject, event: OccurrenceEvent) {
    const { machine, actions } = applyToObligation(subject.machine, event);
    if (subject.kind === 'milestone') this.state.milestones![subject.itemId]!.owners[subject.unitId] = machine;
    else this.state.occurrences[subject.key]!.machine = machine;
    this.changes += 1;
    return actions;
  }

  private overdueItemOf(subject: LadderSubject) {
    const head = unitRef(this.plan.definition, subject.unitId)?.head;
    const common = { id: subject.itemId, unitId: subject.unitId, unitName: unitName(this.plan, subject.unitId), ...(head ? { unitHead: head } : {}) };
    if (subject.kind === 'milestone') {
      const { title, dueOn } = this.plan.milestones.get(subject.itemId)!;
      return { kind: 'milestone' as const, ...common, title, dueOn };
    }
    const shown = occurrenceView(this.state.occurrences[subject.key]!, this.plan, this.viewedAt());
    return { kind: 'duty-occurrence' as const, ...common, title: `${shown.dutyTitle}（${shown.periodLabel}）`, dueOn: shown.dueOn };
  }

  /** Follows a new plan (a migrated definition, an updated calendar); obligations already open keep their state, new ones open now. */
  replan(plan: CampaignPlan): void {
    this.plan = plan;
    this.phases = phasesThrough(this.plan, this.state.processedThrough);
    if (this.state.processedThrough !== null) openThrough(this.state, this.plan, this.state.processedThrough).lines.forEach((line) => this.record(line));
    this.agenda.rebuild(this.plan);
    this.changes += 1;
    this.publishSearchAttributes();
  }

  /**
   * A new calendar: every deadline still owed (opened or not yet) and every rung not yet taken is
   * counted again on it; returns which deadlines moved. Deadlines met and measures taken stay.
   */
  applyCalendar(calendar: RunCalendar): Omit<CalendarUpdateReport, 'revision'> {
    const rungsBefore = new Map(this.agenda.all().map((entry) => [entry.key, entry.at]));
    const old = this.plan;
    this.state.calendar = calendar;
    this.state.calendarRevision = (this.state.calendarRevision ?? 0) + 1;
    const plan = this.planOf(this.state.definition);
    const owed = (occurrenceId: string): boolean => {
      const records = Object.values(this.state.occurrences).filter((r) => r.occurrenceId === occurrenceId);
      return records.length === 0 || records.some((r) => r.machine.value !== 'submitted');
    };
    const movedDeadlines: MovedDeadline[] = [
      ...plan.timeline.occurrences.flatMap((o) => {
        const from = old.occurrences.get(o.occurrenceId)?.dueOn;
        return from && from !== o.dueOn && owed(o.occurrenceId) ? [{ kind: 'duty-occurrence' as const, ref: o.occurrenceId, title: `${plan.duties.get(o.dutyId)?.title.zh}（${o.periodLabel}）`, from, to: o.dueOn }] : [];
      }),
      ...plan.timeline.milestones.flatMap((m) => {
        const from = old.milestones.get(m.milestoneId)?.dueOn;
        return from && from !== m.dueOn && !this.state.milestones?.[m.milestoneId]?.confirmation ? [{ kind: 'milestone' as const, ref: m.milestoneId, title: m.title, from, to: m.dueOn }] : [];
      }),
    ];
    for (const record of Object.values(this.state.occurrences)) {
      const dueOn = plan.occurrences.get(record.occurrenceId)?.dueOn ?? eventDutyDueOn(this.state, plan, record);
      if (record.machine.value === 'submitted' || !dueOn || dueOn === record.dueOn) continue;
      record.dueOn = dueOn;
      record.machine = { ...record.machine, context: { ...record.machine.context, dueOn } };
      if (record.eventId && this.state.events?.[record.eventId]) this.state.events[record.eventId]!.dueOn = dueOn;
    }
    for (const record of Object.values(this.state.milestones ?? {})) {
      const dueOn = plan.milestones.get(record.milestoneId)?.dueOn;
      if (!record.confirmation && dueOn) record.dueOn = dueOn;
    }
    this.replan(plan);
    const rescheduledRungs = this.agenda.all().filter((entry) => rungsBefore.has(entry.key) && rungsBefore.get(entry.key) !== entry.at).length;
    upsertMemo({ calendarRevision: this.state.calendarRevision });
    return { years: calendar.years.map((y) => y.year), movedDeadlines, rescheduledRungs };
  }

  private projectedRevision: number | undefined;
  /**
   * Hands the view to the reporting projection (PostgreSQL) when its logs have grown since the last
   * time; then the run holds only the last LINES_HELD lines (campaign-carried.ts): every step is
   * projected and every document kept in the records store, and the earlier lines are counted. The
   * revision counts them too, so the projection sees the same revisions as before.
   */
  async projectRecords(): Promise<void> {
    const revision = campaignRevision(this.state);
    if (this.projectedRevision === revision || !patched(RECORDS_PROJECTION_PATCH)) return;
    this.projectedRevision = revision;
    await projectCampaign(campaignSnapshot(workflowInfo().workflowId, this.view(), this.plan.definition.timeZone));
    Object.assign(this.state, recentLogs(this.state, LINES_HELD));
  }

  async continueAsNewIfLong(): Promise<void> {
    const historyLimit = this.input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
    if (!workflowInfo().continueAsNewSuggested && workflowInfo().historyLength <= historyLimit) return;
    await condition(allHandlersFinished);
    this.record({ event: 'continued-as-new', detail: `历史事件达${workflowInfo().historyLength}条，带状态续跑` });
    // Small and bounded whatever the number of units (campaign-carried.ts): Temporal refuses an input over 2 MB.
    await continueAsNew<typeof campaignWorkflow>(carriedInput(this.input, this.state));
  }
}

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignView> {
  const run = new CampaignRun(input);
  registerHandlers(run);
  if (!input.carriedOver) run.publishSearchAttributes();
  if (run.plan.timeline.phases.length === 0) {
    throw ApplicationFailure.nonRetryable(`行动“${run.plan.definition.id}”没有任何阶段`, 'InvalidCampaignDefinition');
  }
  for (;;) {
    run.catchUp();
    await run.takeDueRungs();
    await run.projectRecords();
    const wakeAt = run.nextWakeAt();
    if (run.phases.status === 'done' && wakeAt === undefined) break;
    await run.continueAsNewIfLong();
    const seen = run.changes;
    await condition(() => run.changes !== seen, wakeAt === undefined ? undefined : Math.max(run.clock.until(wakeAt), 1));
  }
  await condition(allHandlersFinished);
  await run.projectRecords();
  return run.view();
}

/** Update validators refuse by throwing; the reason reaches the caller (the API answers 409 with it). */
function refuseWith(reason: string | undefined): void {
  if (reason) throw new Error(reason);
}

/** Handlers hold no decisions: each checks with a pure function, then lets the run act. */
function registerHandlers(run: CampaignRun): void {
  const { state } = run;
  const findOccurrence = (occurrenceId: string, unitId: string) => {
    const entry = state.occurrences[occurrenceKey(occurrenceId, unitId)];
    if (!entry) throw new Error(`没有已开始的报送事项“${occurrenceId}”（单位 ${unitId}）`);
    return entry;
  };
  setHandler(
    submitDutyUpdate,
    (u) => {
      const entry = findOccurrence(u.occurrenceId, u.unitId);
      entry.machine = applyToObligation(entry.machine, { type: 'SUBMITTED', on: run.today() }).machine;
      run.agenda.refresh(occurrenceKey(u.occurrenceId, u.unitId));
      run.changes += 1;
      const shown = occurrenceView(entry, run.plan, run.viewedAt());
      run.record({ event: 'duty-submitted', detail: `${shown.unitName}报送了${shown.dutyTitle}（${shown.periodLabel}）${u.note ? `：${u.note}` : ''}（${u.by}）`, requestId: u.requestId });
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
      confirmMilestone(milestone, { on: run.today(), by: u.by, ...(u.note ? { note: u.note } : {}) });
      for (const owner of Object.keys(milestone.owners)) run.agenda.refresh(milestoneKey(u.milestoneId, owner));
      run.changes += 1;
      const shown = milestoneViews(state, run.plan, run.viewedAt()).find((m) => m.milestoneId === u.milestoneId)!;
      run.record({ event: 'milestone-confirmed', detail: `节点“${shown.title}”已确认完成${u.note ? `：${u.note}` : ''}（${u.by}）`, requestId: u.requestId });
      return shown;
    },
    { validator: (u) => refuseWith(milestoneRefusal(state, run.plan, u.milestoneId, u.unitId)) },
  );
  setHandler(
    importLedgerUpdate,
    (u) => {
      const { report, lines } = applyLedger(state, run.plan, u.entries, { by: u.by, today: run.today() });
      run.agenda.rebuild(run.plan);
      run.changes += 1;
      lines.forEach((line) => run.record({ ...line, detail: `${line.detail}${u.source ? `，来源：${u.source}` : ''}`, requestId: u.requestId }));
      return report;
    },
    { validator: (u) => refuseWith(ledgerRefusals(state, run.plan, u.entries, run.today()).join('\n') || undefined) },
  );
  setHandler(
    migrateCampaignUpdate,
    (u) => {
      const from = run.plan.definition.version;
      state.definition = u.definition;
      // The run keeps the official years it carries; the corrections are the new version's.
      if (state.calendar) state.calendar = withOverridesOf(state.calendar, u.definition);
      run.replan(run.planOf(u.definition));
      run.record({ event: 'migrated', detail: `由第${from}版迁移到第${u.definition.version}版（${u.by}）${u.reason ? `：${u.reason}` : ''}`, requestId: u.requestId });
      return run.view();
    },
    {
      validator: (u) => {
        if (u.definition.id !== run.plan.definition.id) throw new Error(`迁移的方案编号“${u.definition.id}”与本行动“${run.plan.definition.id}”不一致`);
        if (u.definition.version <= run.plan.definition.version) throw new Error(`只能迁移到更新的版本：当前第${run.plan.definition.version}版，收到第${u.definition.version}版`);
      },
    },
  );
  setHandler(applyCalendarUpdate, (u) => {
    const report = run.applyCalendar(withOverridesOf(u.calendar, state.definition));
    const moved = report.movedDeadlines.map((m) => `${m.title}由${m.from}改为${m.to}`);
    run.record({
      event: 'calendar-updated',
      detail: `工作日日历更新为${report.years.join('、')}年官方安排（${u.by}）${u.reason ? `：${u.reason}` : ''}；${moved.length > 0 ? `期限变更${moved.length}项：${moved.join('；')}` : '期限均不变'}；改期的督促措施${report.rescheduledRungs}项`,
      requestId: u.requestId,
    });
    return { revision: state.calendarRevision ?? 0, ...report };
  });
  setHandler(
    reportEventUpdate,
    (u) => {
      // Marks the histories that take events; runs started before them never receive one, so there is no old branch.
      patched(CAMPAIGN_EVENTS_PATCH);
      const { event, key, line } = openEventDuty(state, run.plan, u, { iso: run.now(), today: run.today() });
      run.agenda.refresh(key);
      run.changes += 1;
      run.record({ ...line, requestId: u.requestId });
      return eventView(event, state, run.plan, run.viewedAt());
    },
    {
      validator: (u) => {
        const reason = eventRefusal(run.plan.definition, u, run.clock.now(), u.reporterUnit);
        if (reason) throw ApplicationFailure.create({ type: INVALID_EVENT, message: reason, nonRetryable: true });
      },
    },
  );
  setHandler(campaignViewQuery, run.view);
  setHandler(campaignDefinitionQuery, () => run.plan.definition);
  setHandler(hazardRulesQuery, () => hazardRulesFor(run.plan.definition, state.calendar));
}
