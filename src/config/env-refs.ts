import { ConfigError } from '../core/errors.js';

/**
 * `${NAME}` in a config string value is replaced by the environment variable NAME, so keys and
 * machine-specific paths can stay out of config files (`"key": "${OPENAI_API_KEY}"`). VLMEvalKit
 * does not do this; it would send the text literally, which no server accepts as a key.
 *
 * Only the braced form with a valid variable name is a reference: a bare `$` is common in prompts
 * (LaTeX `$x$`, prices), so `$NAME` stays text. `\${NAME}` (in JSON: `"\\${NAME}"`) is the literal
 * text `${NAME}`. An unset or empty variable is an error naming the field and the variable: a
 * silent empty key or path would fail much later with a less clear message.
 */

const REFERENCE = /(\\?)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

type Env = Readonly<Record<string, string | undefined>>;

/** A copy of `json` with every string value's references replaced. Keys are names, not values: never expanded. */
export function expandEnvRefs(json: unknown, env: Env, configPath: string): unknown {
  return expand(json, [], env, configPath);
}

function expand(value: unknown, path: readonly string[], env: Env, configPath: string): unknown {
  if (typeof value === 'string') return expandString(value, path, env, configPath);
  if (Array.isArray(value)) return value.map((v, i) => expand(v, [...path, String(i)], env, configPath));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expand(v, [...path, k], env, configPath);
    return out;
  }
  return value;
}

function expandString(text: string, path: readonly string[], env: Env, configPath: string): string {
  if (!text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape === '\\') return whole.slice(1);
    const v = env[name];
    if (v === undefined || v === '') {
      const state = v === undefined ? 'is not set' : 'is empty';
      throw new ConfigError(`config ${configPath}: field ${path.join('.')}: \${${name}} refers to environment variable ${name}, which ${state}; set it, or write the value in the config`);
    }
    return v;
  });
}
