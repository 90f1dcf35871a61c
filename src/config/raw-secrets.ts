/**
 * Credential-like values anywhere in a parsed config, found before it is validated: an error about
 * a broken config must not print a key, and the validated config that normally lists its secrets
 * (models.ts credentialValues) does not exist yet when validation fails.
 */

/** Same rule as the model entries use: names that hold credentials. */
const CREDENTIAL = /(^|_)(key|token|secret|password)$/i;

export function rawSecrets(json: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      // A `${VAR}` reference is not the secret; its expansion is collected on the second pass.
      if (CREDENTIAL.test(k) && typeof v === 'string') {
        if (!v.includes('${')) out.push(v);
      } else walk(v);
    }
  };
  walk(json);
  return out;
}

/**
 * V8's JSON.parse message quotes the text around the error (`Unexpected token 's', "{"key":
 * sk-12…" is not valid JSON`), which would print part of a key. Keep the reason and say where,
 * as line and column, without quoting the file.
 */
export function jsonErrorText(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const reason = message.replace(/, .* is not valid JSON$/s, '').replace(/^Unexpected token '.+?'$/s, 'Unexpected token');
  const position = /at position (\d+)/.exec(reason)?.[1];
  if (position === undefined) return reason;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${reason.replace(/ in JSON at position \d+.*$/s, '')} at line ${line}, column ${column}`;
}
