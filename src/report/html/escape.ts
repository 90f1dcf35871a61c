/**
 * Escaping for the HTML report. Everything that comes from data (questions, answers, model output,
 * error messages, model and dataset names) passes through one of these: a model may well answer
 * `<script>` and the report must show it, not run it.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for element content and quoted attribute values alike (quotes escaped too). */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON for an inline `<script type="application/json">`: `<` is written as \u003c so no data can close
 * the script element, and U+2028/2029 are escaped because older engines end a line at them.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A percentage with one decimal, or an en dash for a missing value. */
export function pct1(v: number | null | undefined): string {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : (v * 100).toFixed(1);
}
