/**
 * ActialChat's `post_process`: when the answer holds exactly one `<answer>…</answer>`, keep its
 * stripped content; with none or several, keep the whole text (Actial's extract_response_for_eval).
 */
const ANSWER_TAG = /<answer>([\s\S]*?)<\/answer>/g;

export function postProcess(mode: 'answer-tag' | 'none', text: string): string {
  if (mode === 'none') return text;
  const matches = [...text.matchAll(ANSWER_TAG)];
  if (matches.length !== 1) return text;
  return (matches[0]?.[1] ?? '').trim();
}
