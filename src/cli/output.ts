/**
 * Everything the CLI prints goes through here, so known secrets (API keys from config or env) are
 * replaced before they reach a terminal or a CI log.
 */
import { Secrets } from '../core/secrets.js';

/** The process's one registry: created by the CLI and passed to what redacts outside it (src/serve). */
export const secrets = new Secrets();

export function addSecret(value: string | undefined): void {
  secrets.add(value);
}

export function redact(text: string): string {
  return secrets.redact(text);
}

export const stdout = (text: string): void => {
  process.stdout.write(redact(text));
};

export const stderr = (text: string): void => {
  process.stderr.write(redact(text));
};

export const SECRET_ENV = ['OPENAI_API_KEY', 'LMDEPLOY_API_KEY', 'MOCK_API_KEY', 'HF_TOKEN'] as const;
