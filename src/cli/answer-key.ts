/** `actial-eval answer-key`: writes the gold answers of a config's datasets for `mock-server --answer-key`. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import { InputError } from '../core/errors.js';
import type { ResolvedDataset } from '../config/data.js';
import type { PromptPolicy } from '../prompt/index.js';
import { stdout } from './output.js';

export function answerKeyCommand(): Command {
  return new Command('answer-key')
    .description('write the gold answers of the config\'s datasets as JSONL, for `mock-server --answer-key FILE --accuracy P`')
    .requiredOption('--config <file>', 'VLMEvalKit-shaped JSON config')
    .requiredOption('--out <file>', 'JSONL file to write')
    .option('--data <names...>', 'only these datasets')
    .action(async (flags: { config: string; out: string; data?: string[] }) => {
      const { loadConfig } = await import('../config/load.js');
      const config = await loadConfig(flags.config, { env: process.env, ...(flags.data !== undefined ? { onlyData: flags.data } : {}) });
      const out = createWriteStream(flags.out);
      let n = 0;
      const policies = [...new Set(config.models.map((m) => m.promptPolicy))];
      for (const dataset of config.datasets) n += await writeKeys(dataset, policies, out);
      out.end();
      await once(out, 'finish');
      stdout(`wrote ${n} answers to ${flags.out}\n`);
    });
}

async function writeKeys(dataset: ResolvedDataset, policies: readonly PromptPolicy[], out: NodeJS.WritableStream): Promise<number> {
  const [{ goldAnswers }, { answerKeyLine }] = await Promise.all([import('./gold-answers.js'), import('../mock/answer-key.js')]);
  let n = 0;
  for await (const [key, entry] of goldAnswers(dataset, policies)) {
    if (!out.write(`${answerKeyLine(key, entry)}\n`)) await once(out, 'drain');
    n++;
  }
  if (n === 0) throw new InputError(`dataset '${dataset.name}': no rows in ${dataset.files.join(', ')}`);
  return n;
}
