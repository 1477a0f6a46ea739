/**
 * The campaign the workflow benchmarks run hazards under: the short-ladder test campaign
 * (test/e2e/fixtures/api-short-ladder.yaml; 30-day time limit, ladder 通报 then 曝光, both on the
 * day after the deadline from 00:00), and how to put a hazard's deadline at a chosen wall-clock
 * instant with a simulated clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignDefinition } from '../definitions/campaign.schema';
import { repositoryOfficialCalendar } from '../definitions/load';
import { parseCampaignText } from '../definitions/parse';
import { resolveRunCalendar } from '../definitions/run-calendar';
import { overdueInstant } from '../workflows/deadline.contract';
import { hazardRulesFor } from '../workflows/hazard.contract';
import type { HazardCampaignRules, HazardRegistration } from '../workflows/hazard.messages';
import { root } from './deployment';

/**
 * The short-ladder campaign's text; `collected`: both rungs collected for the whole run
 * (`collectBy: campaign`: one 通报 and one 曝光 list naming every unit overdue at the instant).
 */
function shortLadderText(collected: boolean): string {
  const text = readFileSync(join(root, 'test/e2e/fixtures/api-short-ladder.yaml'), 'utf8');
  return collected ? text.replace(/^( +)audience: (all-units|public)$/gm, '$1audience: $2\n$1collectBy: campaign') : text;
}

function parsedShortLadder(text: string, file: string): CampaignDefinition {
  const parsed = parseCampaignText(text, { file, format: 'yaml', officialCalendar: repositoryOfficialCalendar() });
  if (!parsed.ok) throw new Error(`the benchmark campaign ${file} does not validate: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  return parsed.definition;
}

export function shortLadderRules(options: { collected?: boolean } = {}): HazardCampaignRules {
  const definition = parsedShortLadder(shortLadderText(options.collected === true), 'api-short-ladder.yaml');
  return hazardRulesFor(definition, resolveRunCalendar(repositoryOfficialCalendar(), definition));
}

/**
 * The short-ladder campaign with `units` units that each owe one report due on `dueOn` (a duty
 * occurrence per unit, on the same ladder 通报 then 曝光): the campaign run's share of a clustered deadline.
 */
export function shortLadderCampaignWithDuty(units: number, dueOn: string, options: { collected?: boolean } = {}): CampaignDefinition {
  const ids = Array.from({ length: units }, (_, i) => `unit-${i}`);
  const text = `${shortLadderText(options.collected === true).replace('id: api-short-ladder', 'id: bench-clustered')}
organisation:
  leadingGroup: { name: 基准测试领导小组, leader: 组长, office: 办公室 }
  units:
${ids.map((id, i) => `    - { id: ${id}, name: 第${i}单位 }`).join('\n')}
duties:
  - id: bench-report
    title: { zh: 基准测试报送 }
    kind: report
    cadence: { kind: once, opens: { kind: date, date: ${dueOn.slice(0, 8)}01 }, due: { kind: date, date: ${dueOn} } }
    owedBy: [${ids.join(', ')}]
    ladder: overdue-hazard
`;
  return parsedShortLadder(text, 'bench-clustered.yaml');
}

/** The day every benchmark hazard is due (its first rung falls at 00:00 the next day, on the run's clock). */
export const BENCH_DUE_ON = '2030-06-28';

/**
 * The clock offset that makes a hazard due on `dueOn` overdue (and its first rung due) at the
 * wall-clock instant `atMs`: the run's clock shows the end of `dueOn` exactly then.
 */
export function clockOffsetOverdueAt(rules: HazardCampaignRules, dueOn: string, atMs: number): number {
  return overdueInstant({ dueOn }, { timeZone: rules.campaign.timeZone, clockOffsetMs: 0 }) - atMs;
}

export function benchRegistration(i: number, dueOn: string | undefined): HazardRegistration {
  return {
    hazardId: `B-${i}`,
    level: i % 10 === 0 ? 'major' : 'ordinary',
    description: `基准测试隐患${i}`,
    location: `${i % 50}号楼`,
    unitId: `unit-${i % 100}`,
    unitName: `第${i % 100}单位`,
    responsiblePerson: '安全员',
    discoveredThrough: 'self-inspection',
    ...(dueOn ? { dueOn } : {}),
  };
}
