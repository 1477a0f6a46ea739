// Time to validate (with the calendar warnings) + resolve + compile the largest seed campaign, per campaign.
// Usage: npm run bench:definitions   (writes bench/results/definitions.json)
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignCalendar, compileCampaignMachine, parseCampaignText, resolveTimeline } from '../definitions';
import { repositoryOfficialCalendar } from '../definitions/load';

const WARMUP = 30;
const ITERATIONS = 500;
const TARGET_MS = 20;

const dir = fileURLToPath(new URL('../definitions/campaigns', import.meta.url));
const largest = readdirSync(dir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join(dir, name))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const text = readFileSync(largest, 'utf8');
const officialCalendar = repositoryOfficialCalendar();

function once(): void {
  const result = parseCampaignText(text, { file: largest, format: 'yaml', officialCalendar });
  if (!result.ok) throw new Error(`${largest} is invalid`);
  const timeline = resolveTimeline(result.definition, campaignCalendar(officialCalendar, result.definition));
  compileCampaignMachine(result.definition, timeline);
}

for (let i = 0; i < WARMUP; i += 1) once();
const samples: number[] = [];
for (let i = 0; i < ITERATIONS; i += 1) {
  const start = performance.now();
  once();
  samples.push(performance.now() - start);
}
samples.sort((a, b) => a - b);
const quantile = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const report = {
  benchmark: 'definitions: validate + resolve timeline + compile machine',
  file: largest.slice(largest.indexOf('definitions/')),
  iterations: ITERATIONS,
  meanMs: round(samples.reduce((sum, s) => sum + s, 0) / samples.length),
  p50Ms: round(quantile(0.5)),
  p99Ms: round(quantile(0.99)),
  maxMs: round(samples[samples.length - 1]!),
  targetMs: TARGET_MS,
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  at: new Date().toISOString(),
};

const results = fileURLToPath(new URL('./results', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'definitions.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`${report.benchmark}\n  ${report.file}, ${ITERATIONS} iterations`);
console.log(`  mean ${report.meanMs} ms · p50 ${report.p50Ms} ms · p99 ${report.p99Ms} ms · max ${report.maxMs} ms (target ≤ ${TARGET_MS} ms)`);
console.log(report.p50Ms <= TARGET_MS ? '  within target' : '  OVER TARGET');
