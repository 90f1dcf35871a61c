import type { EndpointCounts } from './member.js';

const HEADER = ['endpoint', 'state', 'sent', 'answered', 'failed', 're-queued', 'max in flight', 'limit'] as const;

/**
 * Per-endpoint counts of one model, printed at the end of the model (not written to the summary:
 * which server answered is not a property of the predictions, and summaries must be byte-identical
 * for the same predictions). `failed` counts failed attempts, `re-queued` the items taken back from
 * an endpoint that went down and asked elsewhere.
 */
export function renderEndpointCounts(modelName: string, counts: readonly EndpointCounts[]): string {
  const rows = counts.map((c) => [c.label, c.state, c.sent, c.answered, c.failed, c.requeued, c.maxInFlight, c.limit].map(String));
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return `${modelName}: requests per endpoint\n${[line(HEADER), ...rows.map(line)].join('\n')}\n`;
}
