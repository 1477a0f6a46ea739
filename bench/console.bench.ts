/**
 * The console in Chromium against a warm main job (bench/deployment.ts) with a campaign of 10,000
 * hazards:
 *
 * - first load: the sign-in page in a browser with an empty cache — bytes transferred (compressed,
 *   as the server sends them) and time to first render (first contentful paint: index.html has
 *   no content of its own, so this is the console's first drawing), and the same for a signed-in
 *   person opening the hazards list;
 * - the hazards page: from opening it to its first 50 rows on screen, and from 下一页 to the next 50
 *   (the list is paged on the server, so its size should not matter).
 *
 *   npx tsx bench/console.bench.ts [--hazards 10000] [--runs 5]
 *
 * Each figure is measured `runs` times, each in a fresh browser context (no cache, no session),
 * after one unmeasured load that warms the server. Target (issue 12): first render ≤ 1.5 s.
 * Writes bench/results/console.json. Needs Chromium (bash scripts/install.sh --browser).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openBrowserFor, signIn } from '../test/helpers/browser';
import { operator, registerHazards, root, runBenchmark, startDeployment, startShortLadderCampaign, tokenFor } from './deployment';

const { values } = parseArgs({ options: { hazards: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } } });
const total = Number(values.hazards);
const runs = Number(values.runs);
const TARGET_FIRST_RENDER_MS = 1_500;

interface PageLoad {
  firstRenderMs: number;
  readyMs: number;
  bytes: number;
  requests: number;
}

/** The browser's timing entries read here (the engine's tsconfig has no DOM types). */
interface TimingEntry {
  name: string;
  startTime: number;
  transferSize: number;
}
type BrowserTiming = { getEntriesByType(type: string): TimingEntry[] };
type PaintObserver = new (callback: (list: { getEntries(): TimingEntry[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };

/** What the page's own timing says about its load: its first contentful paint, and everything it transferred. */
async function loadFigures(page: Page, readyMs: number): Promise<PageLoad> {
  const figures = await page.evaluate(async () => {
    const timing = performance as unknown as BrowserTiming;
    const Observer = (globalThis as unknown as { PerformanceObserver: PaintObserver }).PerformanceObserver;
    // The paint entry may be recorded a moment after the page is ready: wait for it (buffered: one already recorded counts).
    const firstPaint = await new Promise<number>((done) =>
      new Observer((list) => {
        const paint = list.getEntries().find((entry) => entry.name === 'first-contentful-paint');
        if (paint) done(paint.startTime);
      }).observe({ type: 'paint', buffered: true }),
    );
    const navigation = timing.getEntriesByType('navigation')[0]!;
    const resources = timing.getEntriesByType('resource');
    return {
      firstRenderMs: firstPaint,
      bytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
      requests: 1 + resources.length,
    };
  });
  return { ...figures, readyMs };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summarise = (loads: PageLoad[]) => ({
  firstRenderMs: { median: median(loads.map((l) => l.firstRenderMs)), max: Math.max(...loads.map((l) => l.firstRenderMs)) },
  readyMs: { median: median(loads.map((l) => l.readyMs)), max: Math.max(...loads.map((l) => l.readyMs)) },
  bytes: median(loads.map((l) => l.bytes)),
  requests: median(loads.map((l) => l.requests)),
});

/** A fresh browser context each time: an empty cache, as on a first visit. */
async function measure<T>(browser: Browser, times: number, once: (page: Page) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < times; i += 1) {
    const person = await openBrowserFor(browser);
    try {
      results.push(await once(person.page));
    } finally {
      await person.context.close();
    }
  }
  return results;
}

async function main(): Promise<void> {
  const deployment = await startDeployment('console');
  const browser = await launchChromium();
  try {
    const runId = await startShortLadderCampaign(deployment);
    const registrationSeconds = await registerHazards(deployment, runId, total);
    const token = await tokenFor(operator);
    const hazardsUrl = `${deployment.base}/console/hazards?campaign=${encodeURIComponent(runId)}`;
    const rows = (page: Page) => page.locator('[data-test=hazard-table] tbody tr');

    const signInPage = async (page: Page): Promise<PageLoad> => {
      const started = Date.now();
      await page.goto(`${deployment.base}/console/signin`);
      await page.getByRole('button', { name: '登录' }).waitFor();
      return loadFigures(page, Date.now() - started);
    };
    const hazardsPage = async (page: Page): Promise<PageLoad & { nextPageMs: number }> => {
      await signIn(page, deployment.base, token);
      const started = Date.now();
      await page.goto(hazardsUrl);
      await rows(page).nth(49).waitFor();
      const load = await loadFigures(page, Date.now() - started);
      const firstOnPage = await rows(page).first().innerText();
      const paged = Date.now();
      await page.getByRole('button', { name: '下一页' }).click();
      // Polled from here: the console's CSP forbids the string evaluation waitForFunction would need.
      while ((await rows(page).first().innerText()) === firstOnPage) await new Promise((r) => setTimeout(r, 5));
      return { ...load, nextPageMs: Date.now() - paged };
    };

    console.log('warming the server (one unmeasured load of each page) …');
    await measure(browser, 1, signInPage);
    await measure(browser, 1, hazardsPage);
    console.log(`measuring ${runs} loads of each, each in a fresh browser context …`);
    const signInLoads = await measure(browser, runs, signInPage);
    const hazardLoads = await measure(browser, runs, hazardsPage);

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
      setup: { hazards: total, runs, registrationSeconds, targetFirstRenderMs: TARGET_FIRST_RENDER_MS },
      firstLoad: { ...summarise(signInLoads), meetsTarget: Math.max(...signInLoads.map((l) => l.firstRenderMs)) <= TARGET_FIRST_RENDER_MS },
      hazardsPage: {
        ...summarise(hazardLoads),
        nextPageMs: { median: median(hazardLoads.map((l) => l.nextPageMs)), max: Math.max(...hazardLoads.map((l) => l.nextPageMs)) },
      },
    };
    const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(
      `first load (sign-in)   first render ${results.firstLoad.firstRenderMs.median.toFixed(0)} ms (max ${results.firstLoad.firstRenderMs.max.toFixed(0)}) · ` +
        `${kb(results.firstLoad.bytes)} in ${results.firstLoad.requests} requests — ${results.firstLoad.meetsTarget ? 'meets' : 'MISSES'} ≤ ${TARGET_FIRST_RENDER_MS} ms`,
    );
    console.log(
      `hazards page (${total})  first render ${results.hazardsPage.firstRenderMs.median.toFixed(0)} ms · 50 rows shown ${results.hazardsPage.readyMs.median} ms (max ${results.hazardsPage.readyMs.max}) · ` +
        `${kb(results.hazardsPage.bytes)} · next page ${results.hazardsPage.nextPageMs.median} ms (max ${results.hazardsPage.nextPageMs.max})`,
    );
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/console.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('wrote bench/results/console.json');
  } finally {
    await browser.close();
    await deployment.stop();
  }
}

runBenchmark(main);
