import { createHash, type Hash } from 'node:crypto';
import type { GenerationSettings, ImageBytes, PromptPart, Sample } from '../core/types.js';
import type { ChatBody, ChatMessage, ContentPart } from './body.js';
import { sha256, stableJson } from '../core/hash.js';
import { registerDataUrl } from './wire.js';

export interface BuiltRequest {
  readonly body: ChatBody;
  /** sha256 over the prompt (images by content hash) and every setting: the resume key. */
  readonly promptHash: string;
  readonly settingsHash: string;
  /**
   * sha256 over the prompt alone (text and image hashes, no settings): equal for two checkpoints
   * asked the same question, so `compare` can pair their answers although their settings differ.
   */
  readonly questionHash: string;
  /** Text parts of the user message, in order (the mock's answer-key lookup uses them). */
  readonly texts: readonly string[];
}

const settingsHashes = new WeakMap<GenerationSettings, string>();

/** Settings objects are fixed for a run: hashed once each, not once per request. */
export function settingsHash(settings: GenerationSettings): string {
  let hash = settingsHashes.get(settings);
  if (hash === undefined) {
    hash = sha256(stableJson(settings)).slice(0, 16);
    settingsHashes.set(settings, hash);
  }
  return hash;
}

/**
 * Where an image is read from instead of a base64 data URL in the body (the file transport): its
 * URL, from its bytes' sha256. The prompt hash keys on that sha256, never on the URL, so the resume
 * key does not depend on how images travel.
 */
export type ImageUrlOf = (image: ImageBytes, sha256: string) => string;

export function buildRequest(sample: Sample, settings: GenerationSettings, imageUrlOf?: ImageUrlOf): BuiltRequest {
  const promptDigest = createHash('sha256');
  const texts: string[] = [];
  const encode = (parts: readonly PromptPart[], own: string[]): ContentPart[] => encodeParts(parts, settings, promptDigest, own, imageUrlOf);
  const messages: ChatMessage[] = [];
  const conversation = sample.conversation;
  // A conversation's own system message and earlier turns enter the digest only when present, so
  // the prompt hash of every single-turn sample is what it always was.
  const system = conversation?.system ?? settings.system_prompt;
  if (conversation?.system !== undefined) promptDigest.update(`system\0${conversation.system}\0`);
  if (system !== undefined) messages.push({ role: 'system', content: system });
  for (const turn of conversation?.turns ?? []) {
    promptDigest.update(`turn\0${turn.role}\0`);
    const content = encode(turn.parts, []);
    if (turn.role === 'user') messages.push({ role: 'user', content });
    else messages.push({ role: 'assistant', content: content.map((c) => (c.type === 'text' ? c.text : '')).join('') });
  }
  if (conversation !== undefined && conversation.turns.length > 0) promptDigest.update('turn\0user\0');
  messages.push({ role: 'user', content: encode(sample.parts, texts) });
  const sHash = settingsHash(settings);
  const questionHash = promptDigest.copy().digest('hex').slice(0, 32);
  promptDigest.update(`settings\0${sHash}`);
  const body: ChatBody = {
    ...settings.extra,
    model: settings.model,
    messages,
    temperature: settings.temperature,
    ...(settings.max_tokens === 'auto' ? {} : { max_tokens: settings.max_tokens }),
    n: 1,
  };
  return { body, promptHash: promptDigest.digest('hex').slice(0, 32), settingsHash: sHash, questionHash, texts };
}

/** A message's content parts, each fed to the prompt digest; `texts` collects the text parts. */
function encodeParts(
  parts: readonly PromptPart[],
  settings: GenerationSettings,
  promptDigest: Hash,
  texts: string[],
  imageUrlOf: ImageUrlOf | undefined,
): ContentPart[] {
  const content: ContentPart[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      content.push({ type: 'text', text: part.text });
      texts.push(part.text);
      promptDigest.update(`text\0${part.text}\0`);
    } else if (part.kind === 'video') {
      // Keyed on the video's content when sent, on its path when it could not be read (a failure).
      const sent = part.video.sent;
      content.push({ type: 'video_url', video_url: { url: sent?.url ?? `file:${part.video.file}` } });
      promptDigest.update(sent !== undefined ? `video\0${sent.sha256}\0` : `video-file\0${part.video.file}\0`);
    } else {
      const digest = imageDigest(part.image.data);
      const detail = settings.img_detail;
      if (imageUrlOf === undefined) {
        const base64 = part.image.base64 ?? part.image.data.toString('base64');
        const url = `data:${part.image.mime};base64,${base64}`;
        const imageUrl = detail !== undefined ? { url, detail } : { url };
        registerDataUrl(imageUrl, part.image.mime, base64);
        content.push({ type: 'image_url', image_url: imageUrl });
      } else {
        const url = imageUrlOf(part.image, digest);
        content.push({ type: 'image_url', image_url: detail !== undefined ? { url, detail } : { url } });
      }
      promptDigest.update(`image\0${digest}\0`);
    }
  }
  return content;
}

const imageDigests = new WeakMap<Buffer, string>();

/** An image's sha256, once per image object: the rotations of a circular question share one. */
export function imageDigest(data: Buffer): string {
  let digest = imageDigests.get(data);
  if (digest === undefined) {
    digest = sha256(data);
    imageDigests.set(data, digest);
  }
  return digest;
}
