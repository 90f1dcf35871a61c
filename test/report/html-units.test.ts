import { describe, expect, it } from 'vitest';
import { esc, inlineJson } from '../../src/report/html/escape.js';
import { barChart, niceMax, ticks } from '../../src/report/html/chart.js';
import { compareIndex, cutMiddle, itemFlags, RESPONSE_HALF, type Item, type ModelAnswer } from '../../src/report/html/items.js';

describe('HTML escaping', () => {
  it('escapes text and attribute values so data never becomes markup', () => {
    expect(esc('<script>alert("x")</script> & \'q\'')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(esc(3)).toBe('3');
  });

  it('writes inline JSON that cannot close its script element', () => {
    const json = inlineJson({ a: '</script><script>alert(1)</script>', b: 'line\u2028sep' });
    expect(json).not.toContain('<');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual({ a: '</script><script>alert(1)</script>', b: 'line\u2028sep' });
  });
});

describe('bar chart', () => {
  const series = [{ name: 'base', color: '#4e79a7' }, { name: 'tuned <b>', color: '#f28e2b' }];
  const svg = barChart({
    series,
    groups: [
      { label: 'Overall', bars: [{ value: 40, lo: 30, hi: 50, n: 100, method: 'wilson' }, { value: 60 }] },
      { label: 'depth & <x>', bars: [null, { value: 100 }] },
    ],
    axisLabel: 'accuracy (%)',
    max: 100,
    decimals: 1,
  });

  it('draws a bar per value with its width proportional to the value, and marks a missing one', () => {
    const widths = [...svg.matchAll(/<g class="bar"[^>]*><title>[^<]*<\/title><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect((widths[1] as number) / (widths[0] as number)).toBeCloseTo(1.5, 1);
    expect(widths[2]).toBeCloseTo((widths[0] as number) * 2.5, 0);
    expect(svg).toContain('class="bar missing"');
    expect(svg).toContain('no value');
  });

  it('draws whiskers only where an interval is given, and says it in the tooltip', () => {
    expect(svg.match(/class="whisker"/g)).toHaveLength(1);
    expect(svg).toContain('base — Overall: 40.0 [30.0, 50.0] wilson (n=100)');
  });

  it('has a legend entry per model, axis ticks, an axis label, and escapes every label', () => {
    expect(svg.match(/class="legend-item"/g)).toHaveLength(2);
    expect(svg).toContain('tuned &lt;b&gt;');
    expect(svg).toContain('depth &amp; &lt;x&gt;');
    expect(svg).not.toContain('<b>');
    for (const t of ['0', '20', '100']) expect(svg).toContain(`text-anchor="middle">${t}</text>`);
    expect(svg).toContain('accuracy (%)');
  });

  it('picks round ticks and axis ends', () => {
    expect(ticks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticks(-10, 10)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceMax([427, 116])).toBe(500);
    expect(niceMax([0])).toBe(1);
  });
});

describe('items', () => {
  const answer = (over: Partial<ModelAnswer>): ModelAnswer => ({
    status: 'ok', hit: true, response: 'A', answerText: null, reasoning: null, extracted: 'A', method: 'letter', truncated: false, error: null, finishReason: 'stop', attempts: 1, ...over,
  });
  const item = (answers: (ModelAnswer | null)[]): Item => ({ index: '1', question: 'q', choices: [], gold: 'A', fields: {}, answers });

  it('flags wrong, unextracted, failed and flipped rows by model position', () => {
    const flags = itemFlags(item([answer({}), answer({ hit: false, extracted: null, method: 'none' }), answer({ status: 'failed', hit: null, extracted: null })]));
    expect(flags).toEqual({ wrong: [1], unextracted: [1], failed: [2], flipped: true });
    expect(itemFlags(item([answer({}), answer({})])).flipped).toBe(false);
    expect(itemFlags(item([answer({ hit: false, extracted: 'B' }), null])).flipped).toBe(false);
  });

  it('orders numeric row ids numerically and others by code unit', () => {
    expect(['10', '9', '1000001', '2'].sort(compareIndex)).toEqual(['2', '9', '10', '1000001']);
    expect(['b', 'a', '10'].sort(compareIndex)).toEqual(['10', 'a', 'b']);
  });

  it('keeps the start and the end of a long response', () => {
    const long = `${'x'.repeat(5000)}<answer>C</answer>`;
    const cut = cutMiddle(long);
    expect(cut.length).toBeLessThan(2 * RESPONSE_HALF + 100);
    expect(cut.endsWith('<answer>C</answer>')).toBe(true);
    expect(cut).toMatch(/characters not shown/);
    expect(cutMiddle('short')).toBe('short');
  });
});
