/**
 * Who builds the prompt a model is asked: the dataset (its module's toSample), or, for the model
 * classes VLMEvalKit lets build their own (ActialChat, Qwen2VLChat: Qwen2VLPromptMixin with
 * `use_custom_prompt` on), the model — exactly when VLMEvalKit's inference loop would ask it.
 */
import type { Sample } from '../core/types.js';
import { mixinBuilderFor, mixinSample } from './qwen2vl.js';

/** What a model class does about prompts. */
export type PromptPolicy = 'dataset' | 'qwen2vl-mixin';

/** The prompt builder used for one (model, dataset): recorded in the run header and summary. */
export interface PromptChoice {
  /** `dataset`, or `qwen2vl-mixin/<mcq|mmmu|yes-no|vqa>`. */
  readonly id: string;
  readonly apply: (sample: Sample) => Sample;
}

const DATASET: PromptChoice = { id: 'dataset', apply: (sample) => sample };

/**
 * The builder VLMEvalKit uses for a dataset name (the config's `"dataset"`) under a model class's
 * policy. Rows that do not come from a VLMEvalKit TSV keep the dataset's prompt whatever the policy:
 * VLMEvalKit never reads them, so there is no model-side prompt to reproduce.
 */
export function promptChoice(policy: PromptPolicy, datasetName: string, fromTsv: boolean): PromptChoice {
  if (policy === 'dataset' || !fromTsv) return DATASET;
  const builder = mixinBuilderFor(datasetName);
  if (builder === null) return DATASET;
  return { id: `qwen2vl-mixin/${builder}`, apply: (sample) => mixinSample(sample, builder) };
}
