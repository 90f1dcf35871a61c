/** `actial-eval mock-server`: runs the built-in OpenAI-compatible mock of a vLLM server. */
import { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { ANSWER_STYLES, ERROR_SHAPES, RULES, checkNumber, type AnswerStyle, type ErrorShape, type NumberRule } from '../mock/options.js';
import { FAULT_KINDS, parseFault } from '../mock/faults.js';
import type { MockOptions } from '../mock/server.js';

/** Flag values as commander hands them over: strings, validated here so errors name the flag. */
export interface MockServerFlags {
  readonly host?: string;
  readonly port?: string;
  readonly modelId?: string;
  readonly latencyMs?: string;
  readonly latencyPerInflightMs?: string;
  readonly seed?: string;
  readonly accuracy?: string;
  readonly answerKey?: string;
  readonly replay?: string;
  readonly style?: string;
  readonly failRate?: string;
  readonly failStatus?: string;
  readonly flakyRate?: string;
  readonly flakyStatus?: string;
  readonly retryAfter?: string;
  readonly apiKey?: string;
  readonly errorShape?: string;
  readonly maxImages?: string;
  readonly maxModelLen?: string;
  readonly reasoning?: boolean;
  readonly allowedLocalMediaPath?: string;
  /** Repeatable --fault KIND[:RATE][:first=K][:ms=N][:items=A,B]. */
  readonly fault?: readonly string[];
}

function num(raw: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isNaN(value)) throw new InputError(`${flag} must be a number, got '${raw}'`);
  return checkNumber(value, rule, flag);
}

function oneOf<T extends string>(raw: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  const found = allowed.find((v) => v === raw);
  if (found === undefined) throw new InputError(`${flag} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return found;
}

/** Turns flags (and MOCK_API_KEY) into server options; loads the answer key file. */
export async function mockOptionsFromFlags(flags: MockServerFlags, env: NodeJS.ProcessEnv = process.env): Promise<MockOptions> {
  const accuracy = num(flags.accuracy, '--accuracy', RULES.rate);
  if (accuracy !== undefined && flags.answerKey === undefined) {
    throw new InputError('--accuracy needs --answer-key: the mock can only be right or wrong on purpose when it knows the gold answers');
  }
  const style: AnswerStyle | undefined = oneOf(flags.style, '--style', ANSWER_STYLES);
  const errorShape: ErrorShape | undefined = oneOf(flags.errorShape, '--error-shape', ERROR_SHAPES);
  const { loadAnswerKey } = await import('../mock/answer-key.js');
  const answerKey = flags.answerKey === undefined ? undefined : await loadAnswerKey(flags.answerKey);
  const replay = flags.replay === undefined ? undefined : await (await import('../mock/replay.js')).loadReplay(flags.replay);
  return {
    host: flags.host,
    port: num(flags.port ?? '8000', '--port', RULES.port),
    modelId: flags.modelId,
    latencyMs: num(flags.latencyMs, '--latency-ms', RULES.latencyMs),
    latencyPerInflightMs: num(flags.latencyPerInflightMs, '--latency-per-inflight-ms', RULES.latencyMs),
    seed: num(flags.seed, '--seed', RULES.seed),
    accuracy,
    answerKey: answerKey === undefined ? undefined : (key) => answerKey.get(key),
    ...(replay === undefined ? {} : { replay }),
    style,
    failRate: num(flags.failRate, '--fail-rate', RULES.rate),
    failStatus: num(flags.failStatus, '--fail-status', RULES.status),
    flakyRate: num(flags.flakyRate, '--flaky-rate', RULES.rate),
    flakyStatus: num(flags.flakyStatus, '--flaky-status', RULES.status),
    retryAfterS: num(flags.retryAfter, '--retry-after', RULES.retryAfterS),
    apiKey: flags.apiKey ?? (env['MOCK_API_KEY'] || undefined),
    errorShape,
    maxImages: num(flags.maxImages, '--max-images', RULES.maxImages),
    maxModelLen: num(flags.maxModelLen, '--max-model-len', RULES.maxModelLen),
    reasoning: flags.reasoning ?? false,
    faults: (flags.fault ?? []).map((f) => parseFault(f)),
    allowedLocalMediaPath: flags.allowedLocalMediaPath,
  };
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function run(flags: MockServerFlags): Promise<void> {
  const options = await mockOptionsFromFlags(flags);
  const { startMockServer } = await import('../mock/server.js');
  const handle = await startMockServer(options);
  // One line on stdout, so scripts can wait for it; the api key is never printed.
  process.stdout.write(`mock server listening on ${handle.url} (model ${options.modelId ?? 'mock-model'})\n`);
  await waitForStopSignal();
  await handle.close();
  const { requests, completionsOk, errorsByStatus } = handle.stats;
  process.stderr.write(`mock server stopped: ${requests} requests, ${completionsOk} completions, errors ${JSON.stringify(errorsByStatus)}\n`);
}

export function mockServerCommand(): Command {
  // Defaults other than --host/--port live in the server so the library and the CLI agree;
  // MOCK_API_KEY is read at run time so --help never shows a secret.
  return new Command('mock-server')
    .description('Run the built-in OpenAI-compatible mock of a vLLM server (try the harness, simulate checkpoints)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 = any free port)', '8000')
    .option('--model-id <id>', 'served model name (default mock-model)')
    .option('--latency-ms <ms>', 'delay added to each completion (default 0)')
    .option('--latency-per-inflight-ms <ms>', 'further delay per completion in flight: a server that slows under load (default 0)')
    .option('--seed <n>', 'seed for every deterministic choice (default 0)')
    .option('--accuracy <p>', 'fraction of answer-key items answered correctly, 0..1 (default 1)')
    .option('--answer-key <file>', 'JSONL of {"key","answer","letters","options"?,"group"?} gold answers (actial-eval answer-key writes it)')
    .option('--replay <file>', 'JSONL of {"judged","content"} judge replies and {"contains","content"} model replies to give instead of its own (docs/mock.md)')
    .option('--style <style>', `answer style: ${ANSWER_STYLES.join(', ')} (default letter)`)
    .option('--fail-rate <p>', 'fraction of items that fail on every attempt, 0..1 (default 0)')
    .option('--fail-status <code>', 'HTTP status of --fail-rate failures (default 500)')
    .option('--flaky-rate <p>', 'fraction of items whose first attempt fails, 0..1 (default 0)')
    .option('--flaky-status <code>', 'HTTP status of --flaky-rate failures; 429 adds Retry-After (default 503)')
    .option('--retry-after <s>', 'Retry-After seconds sent with 429 (default 1)')
    .option('--api-key <key>', 'require Authorization: Bearer <key> on /v1 (or env MOCK_API_KEY)')
    .option('--error-shape <shape>', 'nested (vLLM >= 0.10.1) or flat (older) error bodies (default nested)')
    .option('--max-images <n>', 'most images per prompt, like --limit-mm-per-prompt (default unlimited)')
    .option('--max-model-len <n>', 'context window in tokens (default 32768)')
    .option('--reasoning', 'also return message.reasoning, like a server with a reasoning parser')
    .option('--allowed-local-media-path <dir>', "accept file:// images strictly below this folder, like vLLM's flag (default: file URLs refused)")
    .option(
      '--fault <spec>',
      `inject a fault, KIND[:RATE][:first=K][:ms=N][:items=A,B,...] (repeatable; the first that applies wins); KIND: ${FAULT_KINDS.join(', ')}`,
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .action(async (_options: unknown, command: Command) => run(command.opts<MockServerFlags>()));
}
