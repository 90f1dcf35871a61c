import { InputError } from '../core/errors.js';
import type { PoolOutcome } from '../endpoint/pool/pool.js';

/**
 * vLLM's 400 for a request longer than its context: the answer's room (`'max_tokens' or
 * 'max_completion_tokens' is too large: …`, older `… you requested N tokens (P in the messages, M in
 * the completion)`) or the prompt alone (`… your request has N input tokens …`). Each such request
 * is a failure like any other (stored, asked again next run); what this adds is the hint a user
 * needs: which setting to change.
 *
 * When the answer's room is refused for the first requests of a dataset and none has been answered,
 * the setting is wrong for the whole run (ActialChat's max_tokens 32000 against a 32768-token
 * context), so the run stops there instead of recording the same failure for every row.
 */
const SYSTEMATIC_AFTER = 3;

export class LengthRefusals {
  private answerRoom = 0;
  private promptAlone = 0;
  private example = '';

  constructor(
    private readonly model: string,
    private readonly maxTokens: number | 'auto',
  ) {}

  /** Records a failed request; returns the error that stops the run when the refusals are systematic. */
  failed(outcome: PoolOutcome, answered: number): InputError | undefined {
    if (outcome.status !== 'failed' || outcome.http_status !== 400 || !/maximum context length/i.test(outcome.error)) return undefined;
    this.example ||= outcome.error.slice(0, 300);
    if (!/'max_tokens'|in the completion/.test(outcome.error) || this.maxTokens === 'auto') {
      this.promptAlone++;
      return undefined;
    }
    this.answerRoom++;
    if (answered > 0 || this.answerRoom < SYSTEMATIC_AFTER) return undefined;
    return new InputError(`model '${this.model}': the server refuses max_tokens ${this.maxTokens} for every request so far: ${this.example}; ${this.advice()}`);
  }

  /** One line for the end of a dataset when some requests were refused for length, else undefined. */
  summary(dataset: string): string | undefined {
    const n = this.answerRoom + this.promptAlone;
    if (n === 0) return undefined;
    const what = this.answerRoom > 0 ? this.advice() : "use fewer or smaller images, or serve the model with a larger --max-model-len";
    return `${this.model} × ${dataset}: ${n} request(s) refused as longer than the server's context (e.g. ${this.example}); ${what}`;
  }

  private advice(): string {
    return `lower "max_tokens" (now ${String(this.maxTokens)}) in model '${this.model}' so that prompt and answer fit, or set "max_tokens": "auto" to let the server fill up to its context`;
  }
}
