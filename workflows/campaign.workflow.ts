/**
 * One run per campaign (专项整治行动), pinned to the definition version it was started with.
 *
 * It runs the compiled phase machine on the timeline's dates, opens every duty occurrence for
 * every unit that owes it, accepts submissions, and climbs the duty's ladder for each late one.
 * xstate decides (the phase machine and one occurrence machine per unit and period), the workflow
 * acts: it sleeps until the next date that matters or an update, feeds the machines, and runs the
 * escalation steps they return as activities. Time is Temporal's.
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
import { initialTransition, transition } from 'xstate';
import { createCalendar, type Calendar } from '../definitions/calendar';
import { compileCampaignMachine, type CampaignMachine } from '../definitions/campaign.machine';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { epochMsToLocalDate, localDateTimeToEpochMs } from '../definitions/local-date';
import { resolveTimeline } from '../definitions/timeline';
import type { Timeline } from '../definitions/timeline.schema';
import {
  campaignDefinitionQuery,
  campaignViewQuery,
  migrateCampaignUpdate,
  submitDutyUpdate,
  type CampaignLogEntry,
  type CampaignRunState,
  type CampaignView,
  type CampaignWorkflowInput,
  type OccurrenceRecord,
  type OccurrenceView,
} from './campaign.messages';
import {
  OCCURRENCE_STATUS_LABELS,
  OccurrenceStatus,
  dutyOccurrenceMachine,
  occurrenceStatusOf,
  type OccurrenceEvent,
} from './duty-occurrence.machine';
import { createCampaignClock } from './campaign-clock';
import { campaignRef } from './campaign-rules';
import { nextEscalation, takeEscalationStep } from './escalation';
import { searchAttributeKeys } from './search-attributes';
import { campaignRevision, campaignSnapshot } from './records.contract';
import { RECORDS_PROJECTION_PATCH, projectCampaign } from './records-projection';

/** A three-year campaign with hundreds of late reports still continues-as-new well before Temporal's limits. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 10_000;

/** Dates open at the start of the day, Beijing time. */
const START_OF_DAY = '00:00';
const DAY_MS = 86_400_000;

type Compiled = {
  definition: CampaignDefinition;
  calendar: Calendar;
  timeline: Timeline;
  machine: CampaignMachine;
  /** Lookups by id, built once per version: views and the wake-up scan read them for every occurrence. */
  unitNames: Map<string, string>;
  duties: Map<string, CampaignDefinition['duties'][number]>;
  occurrences: Map<string, Timeline['occurrences'][number]>;
};

function compile(definition: CampaignDefinition): Compiled {
  const calendar = createCalendar(definition.calendar);
  const timeline = resolveTimeline(definition, calendar);
  const organisation = definition.organisation;
  return {
    definition,
    calendar,
    timeline,
    machine: compileCampaignMachine(definition, timeline),
    unitNames: new Map([...(organisation?.leadDepartments ?? []), ...(organisation?.units ?? [])].map((unit) => [unit.id, unit.name])),
    duties: new Map(definition.duties.map((duty) => [duty.id, duty])),
    occurrences: new Map(timeline.occurrences.map((occurrence) => [occurrence.occurrenceId, occurrence])),
  };
}

const occurrenceKey = (occurrenceId: string, unitId: string): string => `${occurrenceId}@${unitId}`;

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignView> {
  let current = compile(input.carriedOver?.definition ?? input.definition);
  const timeZone = current.definition.timeZone;
  const clock = createCampaignClock({ simulation: input.simulation, carriedOffsetMs: input.carriedOver?.clockOffsetMs });
  const now = (): string => new Date(clock.now()).toISOString();
  const today = (): string => epochMsToLocalDate(clock.now(), timeZone);
  const startOfDay = (date: string): number => localDateTimeToEpochMs(date, START_OF_DAY, timeZone);

  let snapshot = input.carriedOver
    ? current.machine.resolveState(input.carriedOver.machine as Parameters<CampaignMachine['resolveState']>[0])
    : initialTransition(current.machine)[0];
  const state: CampaignRunState = input.carriedOver ?? {
    definition: current.definition,
    machine: { value: snapshot.value, context: snapshot.context },
    processedThrough: null,
    occurrences: {},
    escalationLog: [],
    clockOffsetMs: clock.offsetMs,
    log: [
      {
        at: now(),
        event: 'campaign-started',
        detail: `按第${current.definition.version}版方案启动：${current.definition.title.zh}`,
        requestId: input.requestId,
      },
    ],
  };
  let changes = 0;
  const record = (entry: Omit<CampaignLogEntry, 'at'>): void => {
    state.log.push({ at: now(), ...entry });
  };

  const phaseName = (phaseId: string): string => current.timeline.phases.find((p) => p.id === phaseId)?.name ?? phaseId;
  const dutyOf = (dutyId: string) => current.duties.get(dutyId);
  const occurrenceOf = (occurrenceId: string) => current.occurrences.get(occurrenceId);

  const publishSearchAttributes = (): void => {
    const { phaseIndex } = snapshot.context;
    const phase = current.timeline.phases[phaseIndex];
    upsertSearchAttributes([
      { key: searchAttributeKeys.CampaignId, value: current.definition.id },
      { key: searchAttributeKeys.CampaignVersion, value: String(current.definition.version) },
      { key: searchAttributeKeys.Jurisdiction, value: current.definition.jurisdiction },
      { key: searchAttributeKeys.ItemStatus, value: snapshot.status === 'done' ? 'completed' : (phase?.id ?? 'pending') },
    ]);
  };

  /** Feeds the phase machine one checkpoint date; logs the phases it enters unless replaying a migration. */
  const feedDay = (date: string, quietly: boolean): void => {
    const [next, actions] = transition(current.machine, snapshot, { type: 'CALENDAR.DAY', date });
    snapshot = next;
    state.machine = { value: next.value, context: next.context };
    if (quietly) return;
    for (const action of actions) {
      if (action.type === 'enterPhase') {
        const { phaseId } = action.params as { phaseId: string };
        record({ event: 'phase-entered', detail: `进入“${phaseName(phaseId)}”阶段` });
      } else if (action.type === 'completeCampaign') {
        record({ event: 'campaign-completed', detail: '行动各阶段已结束' });
      }
    }
  };

  /** Opens, for every unit that owes it, each occurrence whose day has come. */
  const openOccurrences = (through: string): void => {
    for (const occurrence of current.timeline.occurrences) {
      if (occurrence.opensOn > through) continue;
      const duty = dutyOf(occurrence.dutyId);
      let opened = 0;
      for (const unitId of duty?.owedBy ?? []) {
        const key = occurrenceKey(occurrence.occurrenceId, unitId);
        if (state.occurrences[key]) continue;
        const [initial] = initialTransition(dutyOccurrenceMachine, { dueOn: occurrence.dueOn });
        state.occurrences[key] = {
          occurrenceId: occurrence.occurrenceId,
          dutyId: occurrence.dutyId,
          unitId,
          opensOn: occurrence.opensOn,
          dueOn: occurrence.dueOn,
          machine: { value: initial.value, context: initial.context },
        };
        opened += 1;
      }
      if (opened > 0) {
        record({ event: 'duty-opened', detail: `${duty?.title.zh}（${occurrence.periodLabel}）开始，${opened}个单位须于${occurrence.dueOn}前完成` });
      }
    }
  };

  /** Everything dated up to today: phase changes, milestones falling due, occurrences opening. */
  const catchUpCalendar = (): void => {
    const day = today();
    const after = state.processedThrough;
    if (after !== null && day <= after) return;
    const fresh = (date: string): boolean => (after === null || date > after) && date <= day;
    for (const checkpoint of current.timeline.checkpoints.filter(fresh)) feedDay(checkpoint, false);
    for (const milestone of current.timeline.milestones.filter((m) => fresh(m.dueOn))) {
      record({ event: 'milestone-due', detail: `节点到期：${milestone.title}（${milestone.dueOn}）` });
    }
    openOccurrences(day);
    state.processedThrough = day;
    changes += 1;
    publishSearchAttributes();
  };

  const unitName = (unitId: string): string => current.unitNames.get(unitId) ?? unitId;

  const occurrenceView = (entry: OccurrenceRecord): OccurrenceView => {
    const duty = dutyOf(entry.dutyId);
    const status = occurrenceStatusOf(entry.machine.value, entry.machine.context.dueOn, today());
    return {
      occurrenceId: entry.occurrenceId,
      dutyId: entry.dutyId,
      dutyTitle: duty?.title.zh ?? entry.dutyId,
      periodLabel: occurrenceOf(entry.occurrenceId)?.periodLabel ?? '',
      unitId: entry.unitId,
      unitName: unitName(entry.unitId),
      opensOn: entry.opensOn,
      dueOn: entry.dueOn,
      status,
      statusLabel: OCCURRENCE_STATUS_LABELS[status],
      submittedOn: entry.machine.context.submittedOn,
      escalationStage: entry.machine.context.escalationStage,
    };
  };

  const ladderFor = (entry: OccurrenceRecord) => {
    const ladderId = occurrenceOf(entry.occurrenceId)?.ladderId ?? dutyOf(entry.dutyId)?.ladder;
    return ladderId ? { ladderId, ladder: current.definition.escalationLadders[ladderId] } : undefined;
  };

  const nextStepOf = (entry: OccurrenceRecord) => {
    if (entry.machine.value === 'submitted') return undefined;
    const found = ladderFor(entry);
    const next = nextEscalation(found?.ladder, entry.machine.context.dueOn, entry.machine.context.stepsTaken, current.calendar, timeZone);
    return next && found ? { ...next, ladderId: found.ladderId } : undefined;
  };

  const applyToOccurrence = (entry: OccurrenceRecord, event: OccurrenceEvent) => {
    const [next, actions] = transition(dutyOccurrenceMachine, dutyOccurrenceMachine.resolveState(entry.machine), event);
    entry.machine = { value: next.value, context: next.context };
    changes += 1;
    return actions;
  };

  /** Takes every rung that has fallen due, oldest first, for every occurrence still not submitted. */
  const escalateLateOccurrences = async (): Promise<void> => {
    for (;;) {
      const due = Object.values(state.occurrences)
        .map((entry) => ({ entry, next: nextStepOf(entry) }))
        .filter((candidate) => candidate.next !== undefined && candidate.next.at <= clock.now())
        .sort((a, b) => a.next!.at - b.next!.at)[0];
      if (!due?.next) return;
      const { entry, next } = due;
      const actions = applyToOccurrence(entry, { type: 'ESCALATION.STEP_DUE', stepIndex: next.stepIndex, action: next.step.action });
      for (const action of actions) {
        if (action.type !== 'takeEscalationStep') continue;
        const view = occurrenceView(entry);
        state.escalationLog.push(
          await takeEscalationStep({
            campaign: campaignRef(current.definition),
            item: {
              kind: 'duty-occurrence',
              id: entry.occurrenceId,
              title: `${view.dutyTitle}（${view.periodLabel}）`,
              unitId: entry.unitId,
              unitName: view.unitName,
              dueOn: entry.machine.context.dueOn,
            },
            ladderId: next.ladderId,
            stepIndex: next.stepIndex,
            step: next.step,
            plannedAt: next.at,
            stepKey: `${entry.occurrenceId}/${entry.unitId}/step-${next.stepIndex}`,
            clock,
          }),
        );
      }
    }
  };

  const nextWakeAt = (): number | undefined => {
    const after = state.processedThrough;
    const upcomingDates = [
      ...current.timeline.checkpoints,
      ...current.timeline.milestones.map((m) => m.dueOn),
      ...current.timeline.occurrences.map((o) => o.opensOn),
    ].filter((date) => after === null || date > after);
    // An open occurrence turns late the day after it is due: wake then too, so the run's view and
    // its completion never miss a report that is still owed.
    const turnsLate = Object.values(state.occurrences)
      .filter((entry) => entry.machine.value !== 'submitted' && (after === null || entry.machine.context.dueOn >= after))
      .map((entry) => startOfDay(entry.machine.context.dueOn) + DAY_MS);
    const instants = [
      ...upcomingDates.map(startOfDay),
      ...turnsLate,
      ...Object.values(state.occurrences).flatMap((entry) => nextStepOf(entry)?.at ?? []),
    ];
    return instants.length > 0 ? Math.min(...instants) : undefined;
  };

  const view = (): CampaignView => {
    const day = today();
    const { phaseIndex } = snapshot.context;
    const phase = current.timeline.phases[phaseIndex];
    const occurrences = Object.values(state.occurrences).map(occurrenceView);
    const owedPerOccurrence = (dutyId: string): number => dutyOf(dutyId)?.owedBy.length ?? 0;
    return {
      campaignId: current.definition.id,
      version: current.definition.version,
      title: current.definition.title.zh,
      jurisdiction: current.definition.jurisdiction,
      status: snapshot.status === 'done' ? 'completed' : phase ? 'running' : 'pending',
      currentPhase: phase ?? null,
      today: day,
      clockOffsetMs: clock.offsetMs,
      phases: current.timeline.phases.map((p, i) => ({ ...p, state: i < phaseIndex ? 'done' : i === phaseIndex ? 'current' : 'upcoming' })),
      milestones: current.timeline.milestones.map((m) => ({ ...m, state: m.dueOn < day ? 'done' : 'upcoming' })),
      occurrences,
      counts: {
        open: occurrences.filter((o) => o.status === OccurrenceStatus.open).length,
        late: occurrences.filter((o) => o.status === OccurrenceStatus.late).length,
        submitted: occurrences.filter((o) => o.status === OccurrenceStatus.submitted).length,
        upcoming: current.timeline.occurrences
          .filter((o) => o.opensOn > (state.processedThrough ?? ''))
          .reduce((sum, o) => sum + owedPerOccurrence(o.dutyId), 0),
      },
      escalationLog: state.escalationLog,
      log: state.log,
    };
  };

  let projectedRevision: number | undefined;
  /** Hands the view to the reporting projection (PostgreSQL) when its logs have grown since the last time. */
  const projectRecords = async (): Promise<void> => {
    const revision = campaignRevision(state);
    if (projectedRevision === revision || !patched(RECORDS_PROJECTION_PATCH)) return;
    projectedRevision = revision;
    await projectCampaign(campaignSnapshot(workflowInfo().workflowId, view(), timeZone));
  };

  const findOccurrence = (occurrenceId: string, unitId: string): OccurrenceRecord => {
    const entry = state.occurrences[occurrenceKey(occurrenceId, unitId)];
    if (!entry) throw new Error(`没有已开始的报送事项“${occurrenceId}”（单位 ${unitId}）`);
    return entry;
  };

  setHandler(
    submitDutyUpdate,
    (u) => {
      const entry = findOccurrence(u.occurrenceId, u.unitId);
      applyToOccurrence(entry, { type: 'SUBMITTED', on: today() });
      const shown = occurrenceView(entry);
      record({
        event: 'duty-submitted',
        detail: `${shown.unitName}报送了${shown.dutyTitle}（${shown.periodLabel}）${u.note ? `：${u.note}` : ''}（${u.by}）`,
        requestId: u.requestId,
      });
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
    migrateCampaignUpdate,
    (u) => {
      const from = current.definition.version;
      current = compile(u.definition);
      state.definition = u.definition;
      // Rebuild the phase machine of the new version at the day already reached, without
      // re-announcing phases; occurrences already open keep their state, new ones open now.
      snapshot = initialTransition(current.machine)[0];
      const through = state.processedThrough;
      if (through !== null) {
        for (const checkpoint of current.timeline.checkpoints.filter((c) => c <= through)) feedDay(checkpoint, true);
        openOccurrences(through);
      }
      state.machine = { value: snapshot.value, context: snapshot.context };
      record({
        event: 'migrated',
        detail: `由第${from}版迁移到第${u.definition.version}版（${u.by}）${u.reason ? `：${u.reason}` : ''}`,
        requestId: u.requestId,
      });
      changes += 1;
      publishSearchAttributes();
      return view();
    },
    {
      validator: (u) => {
        if (u.definition.id !== current.definition.id) {
          throw new Error(`迁移的方案编号“${u.definition.id}”与本行动“${current.definition.id}”不一致`);
        }
        if (u.definition.version <= current.definition.version) {
          throw new Error(`只能迁移到更新的版本：当前第${current.definition.version}版，收到第${u.definition.version}版`);
        }
      },
    },
  );

  setHandler(campaignViewQuery, view);
  setHandler(campaignDefinitionQuery, () => current.definition);
  if (!input.carriedOver) publishSearchAttributes();

  if (current.timeline.phases.length === 0) {
    throw ApplicationFailure.nonRetryable(`行动“${current.definition.id}”没有任何阶段`, 'InvalidCampaignDefinition');
  }

  for (;;) {
    catchUpCalendar();
    await escalateLateOccurrences();
    await projectRecords();
    const wakeAt = nextWakeAt();
    if (snapshot.status === 'done' && wakeAt === undefined) break;
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
  return view();
}
