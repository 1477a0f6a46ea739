/**
 * The Chinese texts of the escalation steps: messages from the ladder's templates, the 通报
 * document, the 约谈 invitation, the 挂牌督办 decision and the 曝光 entry. Pure: the activities
 * decide when to keep and deliver them.
 */
import { ApplicationFailure } from '@temporalio/common';
import { createCalendar } from '../definitions/calendar';
import type { OfficialYear } from '../definitions/calendar-year.schema';
import { renderTemplate } from '../definitions/escalation';
import type { EscalationStep } from '../definitions/escalation.schema';
import type { StepAddressees } from '../definitions/audience';
import type { UnitRef } from '../definitions/unit-tree';
import { Audience, type EscalationAction, type StepAudience } from '../definitions/vocabulary';
import { dateParts, epochMsToLocalDate, localDateTimeToEpochMs, toDayNumber, type LocalDate, type LocalTime } from '../definitions/local-date';
import { ACTIVITY_ERROR_TYPES } from '../temporal.config';
import type { EscalationStepInput } from './escalation.types';
import type { EscalationRecordDetails } from '../store/escalation-record.schema';

/** When a 约谈 is proposed: this many working days after the planned step, at this Beijing time. */
export interface InterviewScheduling {
  workingDaysAhead: number;
  time: LocalTime;
}

export const DEFAULT_INTERVIEW_SCHEDULING: InterviewScheduling = { workingDaysAhead: 3, time: '09:30' };

export interface DocumentContext {
  /** The State Council's calendars; a campaign's own corrections win over them. */
  officialCalendar: readonly OfficialYear[];
  interview: InterviewScheduling;
}

/** What a step sends and keeps, before it is kept or delivered. */
export interface PreparedStep {
  recipient: string;
  message: string;
  details: EscalationRecordDetails;
}

// An intersection, not Extract: the simple steps share one variant whose action is a union.
type StepOf<A extends EscalationAction> = EscalationStep & { action: A };
type InputOf<A extends EscalationAction> = EscalationStepInput & { step: StepOf<A> };

const DEFAULT_HEAD = '主要负责人';
/** Two ideographic spaces open a paragraph of an official document. */
const INDENT = '\u3000\u3000';
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

/** `2026-09-30` → `2026年9月30日`. */
export function formatChineseDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${year}年${month}月${day}日`;
}

function weekday(date: LocalDate): string {
  // Day 0 (1970-01-01) was a Thursday.
  return WEEKDAYS[(toDayNumber(date) + 4) % 7]!;
}

/** A step that cannot be carried out as given: retrying cannot help. */
export function invalidStep(input: EscalationStepInput, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `${input.step.action} step ${input.stepIndex} of ladder ${input.ladderId} (${input.idempotencyKey}): ${problem}`,
    ACTIVITY_ERROR_TYPES.invalidEscalationStep,
  );
}

/** The local date of the planned instant in the campaign's time zone: the date documents carry. */
export function plannedDay(input: EscalationStepInput): LocalDate {
  const epochMs = Date.parse(input.plannedAt);
  if (Number.isNaN(epochMs)) throw invalidStep(input, `plannedAt "${input.plannedAt}" is not an ISO instant`);
  return epochMsToLocalDate(epochMs, input.campaign.timeZone);
}

/**
 * The step's template with the item's values; a placeholder left without a value cannot be fixed
 * by retrying, so it fails the step as InvalidEscalationStep.
 */
export function renderStepTemplate(input: EscalationStepInput): string {
  const text = renderTemplate(input.step.template, {
    unit: input.item.unitName,
    item: input.item.title,
    dueOn: formatChineseDate(input.item.dueOn),
    overdueDays: input.overdueDays,
    campaign: input.campaign.title,
    authority: input.campaign.authority,
  });
  const unknown = text.match(/\{\{[^}]*\}\}/g);
  if (unknown) throw invalidStep(input, `template placeholder ${unknown.join(', ')} has no value`);
  return text;
}

/** A unit the step addresses: the unit itself, or its head when a person is summoned (约谈). */
function addressed(unit: UnitRef, person: boolean): string {
  return person ? `${unit.name} ${unit.head ?? DEFAULT_HEAD}` : unit.name;
}

/** Who an audience is for this item, in words; `person` when a person is meant (an interviewee). */
export function audienceRecipient(input: EscalationStepInput, audience: StepAudience, field: keyof StepAddressees = 'audience'): string {
  const { item, campaign } = input;
  const person = field === 'interviewee';
  const unit = input.addressees?.[field];
  if (typeof audience === 'object') {
    if (!unit) throw invalidStep(input, `unit "${audience.unit}" named as ${field} was not resolved`);
    return addressed(unit, person);
  }
  switch (audience) {
    case Audience.responsibleUnit:
      return item.unitName;
    case Audience.unitHead:
      return `${item.unitName} ${item.unitHead ?? DEFAULT_HEAD}`;
    case Audience.supervisingDepartment:
      return `${item.unitName}的主管部门`;
    case Audience.allUnits:
      return '各有关单位';
    case Audience.leadingGroupOffice:
      return `${campaign.title}领导小组办公室`;
    case Audience.public:
      return '社会公众';
    // Without a parent or sector on the tree, the words still say whom the definition meant.
    case Audience.parentUnit:
      return unit ? addressed(unit, person) : `${item.unitName}的上级单位`;
    case Audience.parentUnitHead:
      return unit ? addressed(unit, true) : `${item.unitName}的上级单位${DEFAULT_HEAD}`;
    case Audience.sectorDepartment:
      return unit ? addressed(unit, person) : `${item.unitName}的行业主管部门`;
    default:
      throw invalidStep(input, `unknown audience "${String(audience)}"`);
  }
}

/** A collected document names up to this many distinct items; beyond, the first ones and the count (the units are all listed). */
const ITEMS_NAMED_IN_FULL = 3;

/**
 * A collected step as one action: its texts name every unit gathered (`{{unit}}` is “甲、乙、丙”,
 * `{{item}}` their distinct items, or the first three and how many when there are more), so each
 * action's own document serves unchanged.
 */
export function asOneAction(input: EscalationStepInput): EscalationStepInput {
  if (!input.collected) return input;
  const { items } = input.collected;
  const { unitHead: _, ...first } = input.item;
  const titles = [...new Set(items.map((i) => i.title))];
  const title = titles.length > ITEMS_NAMED_IN_FULL ? `${titles.slice(0, ITEMS_NAMED_IN_FULL).join('、')}等${titles.length}项` : titles.join('、');
  return { ...input, item: { ...first, unitName: items.map((i) => i.unitName).join('、'), title } };
}

/** What a collected step's record lists: the sector and each unit with its item. */
export function collectedUnits(collected: NonNullable<EscalationStepInput['collected']>): NonNullable<EscalationRecordDetails['collected']> {
  return {
    ...(collected.sector ? { sector: collected.sector, sectorName: collected.sectorName } : {}),
    units: collected.items.map((item) => ({ unitId: item.unitId, unitName: item.unitName, itemId: item.id, itemTitle: item.title })),
  };
}

const isHazard = (input: EscalationStepInput): boolean => input.item.kind === 'hazard';

function messageStep(input: EscalationStepInput): PreparedStep {
  return { recipient: audienceRecipient(input, input.step.audience), message: renderStepTemplate(input), details: { kind: 'message' } };
}

/** 通报: title, issuing authority and campaign, the template as the first paragraph, the facts, signature and date. */
function noticeStep(input: InputOf<'notice'>): PreparedStep {
  const { item, campaign } = input;
  const issuedOn = plannedDay(input);
  const title = `关于${item.unitName}${item.title}${isHazard(input) ? '逾期未整改' : '逾期未完成'}的通报`;
  const document = [
    campaign.authority,
    title,
    `（${campaign.title}）`,
    '',
    '各有关单位：',
    `${INDENT}${renderStepTemplate(input)}`,
    `${INDENT}经查，${item.unitName}${item.title}应于${formatChineseDate(item.dueOn)}前${isHazard(input) ? '整改到位' : '完成'}，` +
      `截至${formatChineseDate(issuedOn)}已逾期${input.overdueDays}天。现予以通报。请${item.unitName}立即落实整改，` +
      `并将整改情况书面报${campaign.authority}。各单位要引以为戒，举一反三，切实抓好问题整改。`,
    '',
    campaign.authority,
    formatChineseDate(issuedOn),
  ].join('\n');
  return {
    recipient: audienceRecipient(input, input.step.audience),
    message: document,
    details: { kind: 'notice', title, issuedOn, document },
  };
}

/** 约谈: with the unit's head (or the step's interviewee), proposed on a working day of the official calendar. */
function interviewStep(input: InputOf<'interview'>, context: DocumentContext): PreparedStep {
  const { campaign } = input;
  const issuedOn = plannedDay(input);
  const calendar = createCalendar({ years: context.officialCalendar, ...(campaign.calendar ? { overrides: campaign.calendar } : {}) });
  const proposedOn = calendar.addWorkingDays(issuedOn, context.interview.workingDaysAhead);
  const proposedAt = new Date(localDateTimeToEpochMs(proposedOn, context.interview.time, campaign.timeZone)).toISOString();
  const proposedAtText = `${formatChineseDate(proposedOn)}（${weekday(proposedOn)}）${context.interview.time}`;
  const interviewee = audienceRecipient(input, input.step.interviewee, 'interviewee');
  const message = [
    input.collected ? `${input.collected.sectorName ? `${input.collected.sectorName}行业` : ''}集中约谈通知` : '约谈通知',
    `${interviewee}：`,
    `${INDENT}${renderStepTemplate(input)}`,
    `${INDENT}${campaign.authority}定于${proposedAtText}进行约谈，请准时参加，并书面说明逾期原因和整改措施。`,
    '',
    campaign.authority,
    formatChineseDate(issuedOn),
  ].join('\n');
  return { recipient: interviewee, message, details: { kind: 'interview', interviewee, proposedAt, proposedAtText } };
}

/** 挂牌督办: listed from the planned day, tracked at the step's interval until the item is closed. */
function supervisionStep(input: InputOf<'listed-supervision'>): PreparedStep {
  const { item } = input;
  const listedOn = plannedDay(input);
  const tracking = input.step.trackEvery
    ? `每${input.step.trackEvery.days}${input.step.trackEvery.unit === 'working' ? '个工作日' : '天'}跟踪检查一次，`
    : '';
  const message =
    `${renderStepTemplate(input)}\n${INDENT}经研究，决定自${formatChineseDate(listedOn)}起对${item.unitName}${item.title}挂牌督办，` +
    `${tracking}直至${isHazard(input) ? '整改销号' : '完成'}。`;
  return {
    recipient: audienceRecipient(input, input.step.audience),
    message,
    details: { kind: 'supervision', listedOn, ...(input.step.trackEvery ? { trackEvery: input.step.trackEvery } : {}) },
  };
}

/** 曝光: the template is the published text. */
function exposureStep(input: InputOf<'public-exposure'>): PreparedStep {
  const text = renderStepTemplate(input);
  return { recipient: audienceRecipient(input, input.step.audience), message: text, details: { kind: 'exposure', channel: input.step.channel, text, withdrawWhenClosed: input.step.withdrawWhenClosed === true } };
}

/** What each action sends and keeps. */
export const PREPARE_STEP: { [A in EscalationAction]: (input: InputOf<A>, context: DocumentContext) => PreparedStep } = {
  reminder: messageStep,
  letter: messageStep,
  notice: noticeStep,
  warning: messageStep,
  interview: interviewStep,
  'listed-supervision': supervisionStep,
  'public-exposure': exposureStep,
  accountability: messageStep,
  'suspend-enrolment': messageStep,
  'revoke-licence': messageStep,
};

/** Checks the input names the action of the activity it was sent to, narrowing the step. */
export function isStepOf<A extends EscalationAction>(action: A, input: EscalationStepInput): input is InputOf<A> {
  return input.step.action === action;
}
