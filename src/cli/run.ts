import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { loadConfig } from '../config/load.js';
import { runEvaluation } from '../run/run.js';
import { addSecret, SECRET_ENV, secrets, stderr, stdout } from './output.js';
import { openJudge } from './judge-flags.js';
import { judgeFlagSecrets } from '../extract/judge/settings.js';
import type { RunFlags } from './run-options.js';
import type { EmbeddedMocks } from './embedded-mock.js';
import { offlineReason } from '../data/download/options.js';
import { defaultShardWorkDir, parseShard } from '../shard/spec.js';

const DEFAULT_WORK_DIR = 'results';

export async function runCommand(flags: RunFlags): Promise<number> {
  if (flags.config === undefined) {
    throw new InputError('missing --config FILE (try: actial-eval --config actial_test.json); see actial-eval --help');
  }
  // A bad --shard is a usage error before any config or data is read.
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const workDir = resolve(flags.workDir ?? (shard === undefined ? DEFAULT_WORK_DIR : defaultShardWorkDir(DEFAULT_WORK_DIR, shard)));
  for (const name of SECRET_ENV) addSecret(process.env[name]);
  for (const key of judgeFlagSecrets(flags)) addSecret(key);
  const config = await loadConfig(flags.config, {
    env: process.env,
    ...(flags.model !== undefined ? { onlyModels: flags.model } : {}),
    ...(flags.data !== undefined ? { onlyData: flags.data } : {}),
    ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}),
    // Keys are masked from the first line printed, even one about a config that fails to load.
    onSecrets: (values) => values.forEach(addSecret),
    // Known datasets not found locally are downloaded, with progress on stderr (keys redacted).
    download: { offline: offlineReason(flags.offline === true, process.env), sink: { isTTY: process.stderr.isTTY === true, write: stderr } },
  });
  for (const s of config.secrets) addSecret(s);
  for (const m of config.models) if (m.endpoint.kind === 'http') addSecret(m.endpoint.apiKey);
  const apiNproc = positiveInt(flags.apiNproc, '--api-nproc');
  const retry = positiveInt(flags.retry, '--retry');
  // --mode infer scores nothing, so it needs no judge.
  const judge = flags.mode === 'infer' ? undefined : await openJudge(flags, { entry: config.judge, apiNproc, retry });
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signalExitCode(signal));
    stoppedBy = signal;
    stderr(`\nstopping (${signal}): no new requests; waiting for those in flight to be saved (send it again to quit now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (shard !== undefined) stdout(`shard ${shard.index}/${shard.count}: about 1/${shard.count} of every dataset, into ${workDir} (combine the shards with: actial-eval merge)\n`);
  let mocks: EmbeddedMocks | undefined;
  try {
    // "api_base": "mock" models get their servers here, told the datasets' gold answers by the CLI (--mode eval asks no model).
    mocks = flags.mode === 'eval' ? undefined : await (await import('./embedded-mock.js')).startEmbeddedMocks(config);
    const code = await runEvaluation({
      config: mocks?.config ?? config,
      workDir,
      mode: flags.mode,
      apiNproc,
      retry,
      out: stdout,
      progressSink: { isTTY: process.stderr.isTTY === true, write: stderr },
      secrets,
      stop: controller.signal,
      verbose: flags.verbose === true,
      judge,
      shard,
    });
    // A stopped run says so the way shells and supervisors expect (128 + signal number), whatever
    // it managed to finish: 130 for Ctrl-C, 143 for a scheduler's or Docker's SIGTERM.
    return stoppedBy !== undefined ? signalExitCode(stoppedBy) : code;
  } finally {
    await judge?.close();
    await mocks?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag} ${value}: expected a whole number ≥ 1`);
  return n;
}
