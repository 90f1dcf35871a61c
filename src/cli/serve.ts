/** `actial-eval serve`: starts a model's `"serve"` server and keeps it up until Ctrl-C. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { EXIT, InputError } from '../core/errors.js';
import type { ResolvedModel } from '../config/models.js';
import { addSecret, SECRET_ENV, secrets, stderr, stdout } from './output.js';

interface ServeFlags {
  readonly config: string;
  readonly model?: string;
  readonly workDir: string;
}

function pickModel(models: readonly ResolvedModel[], wanted: string | undefined, file: string): ResolvedModel {
  const served = models.filter((m) => m.serve !== undefined);
  if (wanted !== undefined) {
    const model = models.find((m) => m.name === wanted);
    if (model?.serve === undefined) throw new InputError(`model '${wanted}' in ${file} has no "serve" entry; add "serve": {"command": [...]} to it`);
    return model;
  }
  const [only, ...more] = served;
  if (only === undefined) throw new InputError(`no model in ${file} has a "serve" entry; add "serve": {"command": [...]} to one`);
  if (more.length > 0) throw new InputError(`several models in ${file} have a "serve" entry (${served.map((m) => m.name).join(', ')}); choose one with --model`);
  return only;
}

async function serve(flags: ServeFlags): Promise<number> {
  for (const name of SECRET_ENV) addSecret(process.env[name]);
  const [{ loadConfig }, { serveModel }, { describeExit }] = await Promise.all([
    import('../config/load.js'), import('../serve/for-model.js'), import('../serve/failure.js'),
  ]);
  const config = await loadConfig(flags.config, { env: process.env, modelsOnly: true });
  for (const s of config.secrets) addSecret(s);
  const model = pickModel(config.models, flags.model, flags.config);
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    stderr('\nstopping the server (Ctrl-C again to kill it now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const note = (line: string): void => stderr(`${line}\n`);
  const served = await serveModel(model, { workDir: resolve(flags.workDir), stop: controller.signal, note, secrets });
  try {
    if (served === undefined || !served.server.ready) return 130;
    const { server } = served;
    stdout(`serving ${model.name} ("${server.modelId ?? '?'}") at ${server.baseURL}; Ctrl-C to stop\n`);
    const stopped = new Promise<'stopped'>((r) => controller.signal.addEventListener('abort', () => r('stopped'), { once: true }));
    const outcome = await Promise.race([stopped, server.exited]);
    if (outcome === 'stopped') return EXIT.ok;
    stderr(`actial-eval: the server exited by itself (${describeExit(outcome)})\n`);
    return EXIT.unexpected;
  } finally {
    await served?.server.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function serveCommand(setExitCode: (code: number) => void): Command {
  return new Command('serve')
    .description('Start a model\'s "serve" server (e.g. vLLM), wait until it is ready, print its URL and keep it up until Ctrl-C')
    .requiredOption('--config <file>', 'config whose model entry has "serve": {"command": [...]}')
    .option('--model <name>', 'the model to serve (default: the only model with "serve")')
    .option('--work-dir <dir>', 'the server log goes to <dir>/<model>/<model>.serve.log', 'results')
    .action(async (_options: unknown, command: Command) => setExitCode(await serve(command.opts<ServeFlags>())));
}
