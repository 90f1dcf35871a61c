import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { expandEnvRefs } from '../../src/config/env-refs.js';
import { jsonErrorText, rawSecrets } from '../../src/config/raw-secrets.js';

const env = { KEY: 'sk-from-env', ROOT: '/data', EMPTY: '' };

describe('${VAR} references in config values', () => {
  it('replaces braced references in string values at any depth, never in keys', () => {
    const json = { model: { m: { key: '${KEY}', list: ['${ROOT}/a.tsv', 3, null], '${KEY}': 'x' } } };
    expect(expandEnvRefs(json, env, 'c.json')).toEqual({ model: { m: { key: 'sk-from-env', list: ['/data/a.tsv', 3, null], '${KEY}': 'x' } } });
  });

  it('leaves bare $, $NAME, LaTeX and escaped references as text', () => {
    const prompt = 'Cost: $5, $KEY, $$x^2$$, \\${KEY}, ${not a name}';
    expect(expandEnvRefs({ p: prompt }, env, 'c.json')).toEqual({ p: 'Cost: $5, $KEY, $$x^2$$, ${KEY}, ${not a name}' });
  });

  it('an unset or empty variable is one ConfigError naming the field and the variable', () => {
    const unset = (): unknown => expandEnvRefs({ data: { D: { path: '${NOPE}/x.tsv' } } }, env, 'c.json');
    expect(unset).toThrow(ConfigError);
    expect(unset).toThrow('config c.json: field data.D.path: ${NOPE} refers to environment variable NOPE, which is not set');
    expect(() => expandEnvRefs({ model: { m: { key: '${EMPTY}' } } }, env, 'c.json')).toThrow(/field model\.m\.key: .*EMPTY, which is empty/);
  });
});

describe('config errors never quote a key', () => {
  it('collects credential-named values anywhere, before validation', () => {
    const json = { model: { m: { key: 'k1', api_key: 'k2', serve: { env: { HF_TOKEN: 'k3' } }, keyboard: 'no' } }, judge: { key: 'k4' } };
    expect(rawSecrets(json).sort()).toEqual(['k1', 'k2', 'k3', 'k4']);
  });

  it('JSON syntax errors keep the reason and position, not the quoted text', () => {
    const text = '{\n  "key": sk-secret-value-123\n}';
    let err: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e;
    }
    const described = jsonErrorText(err, text);
    expect(described).not.toContain('sk-secret');
    expect(jsonErrorText(new SyntaxError("Expected ',' or '}' after property value in JSON at position 11"), '{\n  "a": 1 "b"}')).toBe("Expected ',' or '}' after property value at line 2, column 10");
  });
});
