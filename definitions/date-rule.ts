import { addOffset, type Calendar } from './calendar';
import type { DateRule, DateRuleObject } from './date-rule.schema';
import { Dekad, Edge } from './vocabulary';
import { IssueCode, type DocumentPath, type SemanticIssue } from './issue-code';
import { dateParts, daysInMonth, makeDate, type LocalDate } from './local-date';

type Referenced = {
  phases: ReadonlyArray<{ id: string; start: DateRule; end: DateRule }>;
  milestones: ReadonlyArray<{ id: string; due: DateRule }>;
};

const DEKAD_DAYS = { [Dekad.early]: [1, 10], [Dekad.mid]: [11, 20], [Dekad.late]: [21, 31] } as const;

function calendarDate(rule: Exclude<DateRuleObject, { kind: 'phase' | 'milestone' }>): LocalDate {
  switch (rule.kind) {
    case 'date':
      return rule.date;
    case 'month': {
      const { year, month } = dateParts(`${rule.month}-01`);
      return makeDate(year, month, rule.edge === Edge.start ? 1 : daysInMonth(year, month));
    }
    case 'year':
      return rule.edge === Edge.start ? makeDate(rule.year, 1, 1) : makeDate(rule.year, 12, 31);
    case 'dekad': {
      const { year, month } = dateParts(`${rule.month}-01`);
      const [first, last] = DEKAD_DAYS[rule.dekad];
      return makeDate(year, month, rule.edge === Edge.start ? first : last);
    }
  }
}

export type DateResolver = {
  /** The date of a rule written at `path`; undefined when it refers to something missing or circular (reported). */
  resolve(rule: DateRule, path: DocumentPath): LocalDate | undefined;
  phase(id: string, edge: 'start' | 'end'): LocalDate | undefined;
  milestone(id: string): LocalDate | undefined;
};

/**
 * Resolves date rules against a campaign's phases and milestones (which may refer to each other),
 * memoised, with cycle detection. Problems go to `report`; with no reporter they throw.
 */
export function createDateResolver(def: Referenced, calendar: Calendar, report?: (issue: SemanticIssue) => void): DateResolver {
  const memo = new Map<string, LocalDate | undefined>();
  const inProgress: string[] = [];
  const fail = (issue: SemanticIssue): undefined => {
    if (!report) throw new Error(`unresolvable date rule at ${issue.path.join('.')}: ${issue.code}`);
    report(issue);
    return undefined;
  };

  const memoised = (key: string, compute: () => LocalDate | undefined, path: DocumentPath): LocalDate | undefined => {
    if (memo.has(key)) return memo.get(key);
    if (inProgress.includes(key)) {
      return fail({ code: IssueCode.dateRuleCycle, path, params: { chain: [...inProgress.slice(inProgress.indexOf(key)), key].join(' → ') } });
    }
    inProgress.push(key);
    const date = compute();
    inProgress.pop();
    memo.set(key, date);
    return date;
  };

  const resolver: DateResolver = {
    resolve(rule, path) {
      if (typeof rule === 'string') return rule;
      let base: LocalDate | undefined;
      if (rule.kind === 'phase') {
        base = resolver.phase(rule.phase, rule.edge) ?? (def.phases.some((p) => p.id === rule.phase) ? undefined : fail({ code: IssueCode.unknownPhase, path: [...path, 'phase'], params: { id: rule.phase } }));
      } else if (rule.kind === 'milestone') {
        base = resolver.milestone(rule.milestone) ?? (def.milestones.some((m) => m.id === rule.milestone) ? undefined : fail({ code: IssueCode.unknownMilestone, path: [...path, 'milestone'], params: { id: rule.milestone } }));
      } else {
        base = calendarDate(rule);
      }
      return base !== undefined && rule.offset ? addOffset(calendar, base, rule.offset) : base;
    },
    phase(id, edge) {
      const index = def.phases.findIndex((p) => p.id === id);
      const phase = def.phases[index];
      if (!phase) return undefined;
      const path = ['phases', index, edge];
      return memoised(`phases.${id}.${edge}`, () => resolver.resolve(phase[edge], path), path);
    },
    milestone(id) {
      const index = def.milestones.findIndex((m) => m.id === id);
      const milestone = def.milestones[index];
      if (!milestone) return undefined;
      const path = ['milestones', index, 'due'];
      return memoised(`milestones.${id}`, () => resolver.resolve(milestone.due, path), path);
    },
  };
  return resolver;
}
