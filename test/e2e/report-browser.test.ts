/**
 * The HTML report as a person sees it: Debian's Chromium (headless, driven by playwright-core)
 * opens the file offline, the charts must be drawn (SVG bars of non-zero size), the item filters
 * must change what is listed, thumbnails must load, markup from the data must not run, and nothing
 * may be fetched. Screenshots land in os.tmpdir(). Chromium is found by scripts/chromium.mjs
 * (`npm test` runs it first, and it installs one when it can); missing, it is a failure, not a skip.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonl, REPO_ROOT, runCli, tempDir } from './helpers.js';
import { FAILED_ROWS, HOSTILE_ANSWER, HOSTILE_QUESTION, MODELS, ROWS, writeReportWorkDir } from '../report/html-fixtures.js';

/** The Chromium scripts/chromium.mjs finds; its one line (what is missing, how to install it) if none. */
function findChromium(): string {
  const found = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'chromium.mjs'), '--print-path'], { encoding: 'utf8' });
  expect(found.status, found.stderr.trim()).toBe(0);
  return found.stdout.trim();
}
/** The flags this machine needs: no sandbox as root, and no background traffic to a closed network. */
const ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOT_DIR = tmpdir();

interface ScoreLine {
  readonly index: string;
  readonly hit: boolean;
  readonly extracted: string | null;
}

/** Expected filter counts, from the score files the report reads (independent of the report code). */
async function expected(work: string): Promise<{ wrong: number; wrongTuned: number; unextracted: number; flipped: number; failed: number; total: number }> {
  const perModel = await Promise.all(MODELS.map(async (m) => {
    const shapes = await readJsonl<ScoreLine>(join(work, m, `${m}_Shapes_score.jsonl`));
    const gone = await readJsonl<ScoreLine>(join(work, m, `${m}_Gone_score.jsonl`));
    return new Map<string, ScoreLine>([...shapes.map((s) => [`S${s.index}`, s] as const), ...gone.map((s) => [`G${s.index}`, s] as const)]);
  }));
  const keys = [...Array.from({ length: ROWS }, (_, i) => `S${i}`), ...Array.from({ length: 5 }, (_, i) => `G${i}`)];
  const any = (test: (s: ScoreLine) => boolean): number => keys.filter((k) => perModel.some((m) => { const s = m.get(k); return s !== undefined && test(s); })).length;
  const failedRows = [...FAILED_ROWS.map((i) => `S${i}`), ...FAILED_ROWS.filter((i) => i < 5).map((i) => `G${i}`)];
  return {
    wrong: any((s) => !s.hit),
    wrongTuned: keys.filter((k) => perModel[1]?.get(k)?.hit === false).length,
    unextracted: any((s) => s.extracted === null),
    flipped: keys.filter((k) => new Set(perModel.flatMap((m) => { const s = m.get(k); return s === undefined ? [] : [s.hit]; })).size > 1).length,
    failed: failedRows.length,
    total: keys.length,
  };
}

describe('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // A CSP violation (anything trying to load) shows up as a console error.
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('request', (r) => { if (!/^(file|data):/.test(r.url())) problems.push(`request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
    return { page, problems };
  }

  const matches = async (page: Page): Promise<number> => Number(await page.getAttribute('#f-count', 'data-matches'));
  const visibleItems = (page: Page): Promise<number> => page.locator('#items-list .item:visible').count();

  it('draws the charts, filters items client-side, shows thumbnails, runs no data and fetches nothing', async () => {
    const root = await tempDir('actial-report-browser-');
    const { work } = await writeReportWorkDir(root);
    const scored = await runCli(['score', '--work-dir', work]);
    expect([0, 3], scored.stderr).toContain(scored.code); // failed rows may exit 3, as a run does
    const file = join(root, 'report.html');
    const res = await runCli(['report', '--work-dir', work, '--out', file, '--model', ...MODELS]);
    expect(res.stderr).toContain('wrote');
    expect(res.code).toBe(0);
    const want = await expected(work);
    const { page, problems } = await open(file);

    // Charts: real SVG bars with a size, one legend entry per model, axis labels.
    const bars = page.locator('svg.chart g.bar rect');
    expect(await bars.count()).toBeGreaterThan(8);
    const sizes = await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect()).map((b) => [b.width, b.height]));
    expect(sizes.filter(([w, h]) => (w ?? 0) > 1 && (h ?? 0) > 5).length).toBeGreaterThan(8);
    expect(await page.locator('svg.chart .legend-item').first().textContent()).toBe(MODELS[0]);
    expect(await page.locator('svg.chart .axlabel').first().textContent()).toMatch(/%/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'actial-report-charts.png') });

    // Items: all listed at first, then each filter.
    expect(await matches(page)).toBe(want.total);
    for (const [filter, count] of [['wrong', want.wrong], ['failed', want.failed], ['unextracted', want.unextracted], ['flipped', want.flipped]] as const) {
      await page.click(`button[data-filter="${filter}"]`);
      expect(await matches(page), filter).toBe(count);
      expect(await visibleItems(page), filter).toBe(Math.min(count, 50));
    }
    expect(want.flipped).toBeGreaterThan(0);
    await page.click('button[data-filter="wrong"]');
    await page.selectOption('#f-model', '1');
    expect(await matches(page)).toBe(want.wrongTuned);
    expect(await page.locator('#items-list .item:visible .head').first().textContent()).toMatch(/row/);
    await page.selectOption('#f-model', '');
    await page.selectOption('#f-dataset', { label: 'Gone' });
    await page.click('button[data-filter="all"]');
    expect(await matches(page)).toBe(5);
    expect(await page.locator('#items-list .item:visible img').count()).toBe(0);
    await expect(page.locator('#items').textContent()).resolves.toContain('Gone.tsv not found: no thumbnails');

    // Thumbnails of the visible Shapes items: data URLs of the stored PNGs, decoded by the browser.
    await page.selectOption('#f-dataset', { label: 'Shapes' });
    await page.fill('#f-search', 'Item 0 <img');
    expect(await matches(page)).toBe(1);
    const img = page.locator('#items-list .item:visible img').first();
    expect(await img.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(96);

    // Data markup is shown as text and never runs.
    const first = page.locator('#items-list .item:visible').first();
    expect(await first.textContent()).toContain(HOSTILE_QUESTION);
    expect(await first.textContent()).toContain(HOSTILE_ANSWER);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await first.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'actial-report-items.png') });

    expect(problems).toEqual([]);
    await page.close();
  });
});
