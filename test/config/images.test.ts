/** `"image_transport"` and `"media_dir"` of a model entry, resolved (src/config/images.ts). */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { resolveModel } from '../../src/config/models.js';
import type { ModelEntry } from '../../src/config/schema.js';
import { configSchema } from '../../src/config/schema.js';

const entry = (extra: Record<string, unknown>): ModelEntry => ({ class: 'GPT4V', model: 'm', api_base: 'http://127.0.0.1:8000/v1', ...extra });

describe('image transport settings', () => {
  it('default to base64 in the body', () => {
    expect(resolveModel('m', entry({}), {}).imageFiles).toBeUndefined();
    expect(resolveModel('m', entry({ image_transport: 'base64' }), {}).imageFiles).toBeUndefined();
  });

  it('put copies under $LMUData/images/actial-eval-cache (LMUData defaulting to ~/LMUData), or in media_dir', () => {
    expect(resolveModel('m', entry({ image_transport: 'file' }), { LMUData: '/data/LMUData' }).imageFiles).toEqual({ dir: '/data/LMUData/images/actial-eval-cache' });
    expect(resolveModel('m', entry({ image_transport: 'file' }), {}).imageFiles).toEqual({ dir: join(homedir(), 'LMUData', 'images', 'actial-eval-cache') });
    expect(resolveModel('m', entry({ image_transport: 'file', media_dir: '/srv/media' }), {}, '/etc/cfg').imageFiles).toEqual({ dir: '/srv/media' });
    expect(resolveModel('m', entry({ image_transport: 'file', media_dir: 'media' }), {}, '/etc/cfg').imageFiles).toEqual({ dir: '/etc/cfg/media' });
  });

  it('are client settings, never sent in the payload, so the settings hash does not change', () => {
    const base = resolveModel('m', entry({}), {});
    const file = resolveModel('m', entry({ image_transport: 'file', media_dir: '/srv/media' }), {});
    expect(file.settings).toEqual(base.settings);
  });

  it('refuse a media_dir without the file transport, and an unknown transport', () => {
    expect(() => resolveModel('m', entry({ media_dir: '/srv/media' }), {})).toThrow(InputError);
    const parsed = configSchema.safeParse({ model: { m: entry({ image_transport: 'path' }) }, data: {} });
    expect(parsed.success).toBe(false);
  });
});

describe('image transport with "serve"', () => {
  const serve = (command: string[]) => entry({ image_transport: 'file', media_dir: '/data/LMUData/images/cache', api_base: 'http://127.0.0.1:8000/v1', serve: { command } });
  const vllm = ['vllm', 'serve', 'Qwen/Qwen2.5-VL-7B-Instruct', '--port', '{port}'];

  it('accepts a command whose --allowed-local-media-path holds media_dir, or hides it in a shell string', () => {
    for (const flag of [['--allowed-local-media-path', '/data/LMUData'], ['--allowed-local-media-path=/data/LMUData/images/cache'], ['--allowed-local-media-path', '/']]) {
      expect(resolveModel('m', serve([...vllm, ...flag]), {}).imageFiles).toEqual({ dir: '/data/LMUData/images/cache' });
    }
    expect(resolveModel('m', serve(['sh', '-c', 'vllm serve X --allowed-local-media-path "$LMUData"']), {}).imageFiles).toBeDefined();
  });

  it('refuses in one line a command without the flag, or with a folder that does not hold media_dir', () => {
    expect(() => resolveModel('m', serve(vllm), {})).toThrow(
      /^model 'm': "image_transport": "file" needs vLLM started with --allowed-local-media-path at or above \/data\/LMUData\/images\/cache; add "--allowed-local-media-path", "\/data\/LMUData\/images\/cache" \(or a folder above it\) to "serve"\."command", or set "image_transport": "base64"$/,
    );
    expect(() => resolveModel('m', serve([...vllm, '--allowed-local-media-path', '/data/other']), {})).toThrow(
      /"serve" starts vLLM with --allowed-local-media-path \/data\/other, which does not hold media_dir \/data\/LMUData\/images\/cache/,
    );
  });
});
