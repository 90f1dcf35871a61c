/**
 * Everything the CLI prints goes through here, so known secrets (API keys from config or env) are
 * replaced before they reach a terminal or a CI log.
 */
const secrets = new Set<string>();

export function addSecret(value: string | undefined): void {
  // Placeholder keys ("EMPTY", "sk-123456") are not secrets, and masking short strings would mangle text.
  if (value !== undefined && value.length >= 8 && value !== 'sk-123456') secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

export const stdout = (text: string): void => {
  process.stdout.write(redact(text));
};

export const stderr = (text: string): void => {
  process.stderr.write(redact(text));
};

export const SECRET_ENV = ['OPENAI_API_KEY', 'LMDEPLOY_API_KEY', 'MOCK_API_KEY', 'HF_TOKEN'] as const;
