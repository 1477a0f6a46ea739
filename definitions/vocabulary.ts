/**
 * The named values of the campaign language and their Chinese labels, apart from the zod schemas:
 * the schemas import them for `z.enum`, and the runtime parts (calendar, date rules, cadences,
 * ladders, the workflows) import them without pulling zod into Temporal's workflow sandbox.
 */

/** What kind of campaign a notice launches. */
export const CampaignKind = {
  threeYearAction: 'three-year-action',
  springRectification: 'spring-rectification',
  rootCauseTackling: 'root-cause-tackling',
  custom: 'custom',
} as const;
export type CampaignKind = (typeof CampaignKind)[keyof typeof CampaignKind];

/** The level of the issuing authority. */
export const AuthorityLevel = {
  national: 'national',
  province: 'province',
  city: 'city',
  district: 'district',
  township: 'township',
} as const;

/** What a recurring duty asks of a unit. */
export const DutyKind = {
  report: 'report',
  inspection: 'inspection',
  sweep: 'sweep',
  drill: 'drill',
  assessment: 'assessment',
  training: 'training',
} as const;

/** Days counted as calendar days (自然日) or working days (工作日) on the official calendar. */
export const DayUnit = { calendar: 'calendar', working: 'working' } as const;
export type DayUnit = (typeof DayUnit)[keyof typeof DayUnit];

/** Which end of a period a date rule names: its first day, or its last (the deadline reading). */
export const Edge = { start: 'start', end: 'end' } as const;

/** 上旬 / 中旬 / 下旬. */
export const Dekad = { early: 'early', mid: 'mid', late: 'late' } as const;

export const DateRuleKind = {
  date: 'date',
  month: 'month',
  year: 'year',
  dekad: 'dekad',
  phase: 'phase',
  milestone: 'milestone',
} as const;

/** An anchor in the period itself or in the one after it ("report the previous quarter"). */
export const AnchorPeriod = { same: 'same', next: 'next' } as const;

export const CadenceKind = {
  weekly: 'weekly',
  monthly: 'monthly',
  quarterly: 'quarterly',
  halfYearly: 'half-yearly',
  yearly: 'yearly',
  once: 'once',
  holidayPeriod: 'holiday-period',
} as const;

/** The statutory holidays whose periods the State Council announces each year (calendars/<year>.yaml `name`s, split at 、). */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
export type HolidayName = (typeof HOLIDAY_NAMES)[number];

/** ISO weekdays as the notices write them: 1 = 星期一 … 7 = 星期日. */
export const WEEKDAY_LABELS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

export const HazardDeadlineKind = {
  immediate: 'immediate',
  within: 'within',
  endOfYear: 'end-of-year',
  by: 'by',
} as const;

/** The two hazard levels every policy has; a policy may add more. */
export const HazardLevel = { major: 'major', ordinary: 'ordinary' } as const;

/** The measures the notices name, roughly from mild to severe. */
export const EscalationActionName = {
  reminder: 'reminder',
  letter: 'letter',
  notice: 'notice',
  warning: 'warning',
  interview: 'interview',
  listedSupervision: 'listed-supervision',
  publicExposure: 'public-exposure',
  accountability: 'accountability',
  suspendEnrolment: 'suspend-enrolment',
  revokeLicence: 'revoke-licence',
} as const;
export type EscalationAction = (typeof EscalationActionName)[keyof typeof EscalationActionName];

export const ESCALATION_ACTION_LABELS: Record<EscalationAction, string> = {
  reminder: '督促提醒',
  letter: '函告',
  notice: '通报',
  warning: '警示',
  interview: '约谈',
  'listed-supervision': '挂牌督办',
  'public-exposure': '曝光',
  accountability: '追责问责',
  'suspend-enrolment': '暂停招生',
  'revoke-licence': '取消办学资质',
};

/** Whom a ladder step addresses. */
export const Audience = {
  responsibleUnit: 'responsible-unit',
  unitHead: 'unit-head',
  supervisingDepartment: 'supervising-department',
  allUnits: 'all-units',
  leadingGroupOffice: 'leading-group-office',
  public: 'public',
  // Resolved on the unit tree and the sectors (audience.ts): 逐级约谈 addresses the unit one level up.
  parentUnit: 'parent-unit',
  parentUnitHead: 'parent-unit-head',
  sectorDepartment: 'sector-department',
} as const;
export type Audience = (typeof Audience)[keyof typeof Audience];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  'responsible-unit': '责任单位',
  'unit-head': '单位主要负责人',
  'supervising-department': '主管部门',
  'all-units': '全体单位',
  'leading-group-office': '领导小组办公室',
  public: '社会公众',
  'parent-unit': '上级单位',
  'parent-unit-head': '上级单位主要负责人',
  'sector-department': '行业主管部门',
};

/**
 * How a ladder step may gather the items that reach it at the same instant into one action: every
 * item of the campaign run (one 通报 listing every unit, one 集中约谈, one 曝光 list), or those of
 * one sector (行业集中约谈).
 */
export const StepCollection = { campaign: 'campaign', sector: 'sector' } as const;
export type StepCollection = (typeof StepCollection)[keyof typeof StepCollection];

export const STEP_COLLECTION_LABELS: Record<StepCollection, string> = {
  campaign: '同一时刻到此步的本行动各事项合并为一次行动（一份通报列明各单位、一次集中约谈、一份曝光名单）',
  sector: '同一时刻到此步的同一行业领域各事项合并为一次行动（如行业集中约谈）',
};

/** A ladder step addresses one of the audiences above, or a unit named by id (`{ unit: fire-brigade }`). */
export type StepAudience = Audience | { unit: string };

/** Where a 曝光 is published. */
export const ExposureChannel = { media: 'media', governmentWebsite: 'government-website', briefing: 'briefing' } as const;
export type ExposureChannel = (typeof ExposureChannel)[keyof typeof ExposureChannel];

export const EXPOSURE_CHANNEL_LABELS: Record<ExposureChannel, string> = {
  media: '新闻媒体',
  'government-website': '政府网站',
  briefing: '情况通报会',
};

/** Placeholders a message template may use; the workflow fills them per overdue item. */
export const TEMPLATE_PLACEHOLDERS = ['unit', 'item', 'dueOn', 'overdueDays', 'campaign', 'authority'] as const;

/** The kinds of dated entries of a resolved timeline, in the order they sort on the same day. */
export const TimelineEntryKind = {
  campaignStart: 'campaign-start',
  phaseStart: 'phase-start',
  windowOpens: 'window-opens',
  dutyOpens: 'duty-opens',
  milestone: 'milestone',
  dutyDue: 'duty-due',
  windowCloses: 'window-closes',
  phaseEnd: 'phase-end',
  campaignEnd: 'campaign-end',
} as const;
export type TimelineEntryKind = (typeof TimelineEntryKind)[keyof typeof TimelineEntryKind];

export const TIMELINE_ENTRY_LABELS: Record<TimelineEntryKind, string> = {
  'campaign-start': '行动开始',
  'phase-start': '阶段开始',
  'window-opens': '活动开始',
  'duty-opens': '职责开始',
  milestone: '节点',
  'duty-due': '职责截止',
  'window-closes': '活动结束',
  'phase-end': '阶段结束',
  'campaign-end': '行动结束',
};

/** Where an activity window stands on a day: before it, within it (both ends included), after it. */
export const WindowState = { upcoming: 'upcoming', open: 'open', closed: 'closed' } as const;
export type WindowState = (typeof WindowState)[keyof typeof WindowState];

export const WINDOW_STATE_LABELS: Record<WindowState, string> = { upcoming: '未开始', open: '进行中', closed: '已结束' };

/** Describes a vocabulary for a schema's description: `value 标签 / value 标签 …`. */
export function describeVocabulary(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([value, label]) => `${value} ${label}`)
    .join(' / ');
}
