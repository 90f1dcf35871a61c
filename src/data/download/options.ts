/** What a run tells the downloader: whether it may use the network, and where progress goes. */

/** Same shape as the run's progress sink (src/report/progress.ts): stderr, TTY or not. */
export interface DownloadSink {
  readonly isTTY: boolean;
  write(text: string): void;
}

export interface DownloadOptions {
  /** Why downloads are forbidden (`--offline`, `HF_HUB_OFFLINE=1`), or undefined when allowed. */
  readonly offline: string | undefined;
  readonly sink: DownloadSink;
}

type Env = Readonly<Record<string, string | undefined>>;

/** huggingface_hub's truthy values for HF_HUB_OFFLINE. */
const TRUE = new Set(['1', 'on', 'yes', 'true']);

/** `--offline` wins; else HF_HUB_OFFLINE, which users of HF tools already set on air-gapped machines. */
export function offlineReason(flag: boolean, env: Env): string | undefined {
  if (flag) return '--offline';
  const v = env['HF_HUB_OFFLINE'];
  return v !== undefined && TRUE.has(v.trim().toLowerCase()) ? `HF_HUB_OFFLINE=${v}` : undefined;
}
