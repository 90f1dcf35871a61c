import type { ChatBody, ChatMessage, ContentPart } from './body.js';

/**
 * A chat body as the bytes sent on the wire: JSON, as `JSON.stringify` would write it, but with
 * the image data URLs that `buildRequest` made copied in as bytes. Those need no escaping (a sniffed
 * MIME type and canonical base64), and escaping-aware serialisation of ~100 KB of base64 plus its
 * UTF-8 encoding on the socket cost ~0.4 ms of CPU per image, more than the rest of a request.
 */

interface DataUrl {
  readonly mime: string;
  readonly base64: string;
}

/**
 * The pieces of an image_url made by buildRequest, kept on the object itself under a symbol that is
 * not enumerable, so JSON and equality checks do not see it, and they live exactly as long as it.
 */
const DATA_URL = Symbol('actial-eval data URL pieces');

/** Marks `imageUrl` (whose url is `data:<mime>;base64,<base64>`) as safe to copy as bytes. */
export function registerDataUrl(imageUrl: object, mime: string, base64: string): void {
  const pieces: DataUrl = { mime, base64 };
  Object.defineProperty(imageUrl, DATA_URL, { value: pieces, enumerable: false });
}

function dataUrlOf(imageUrl: object): DataUrl | undefined {
  return (imageUrl as { [DATA_URL]?: DataUrl })[DATA_URL];
}

/** JSON text (UTF-8) and spliced base64 (one byte per character), in order. */
type Piece = { readonly text: string; readonly latin1: boolean };

export function encodeChatBody(body: ChatBody): Buffer {
  const pieces: Piece[] = [];
  let text = '{';
  let first = true;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key !== 'messages') {
      text += JSON.stringify(value);
      continue;
    }
    text += '[';
    (value as readonly ChatMessage[]).forEach((message, i) => {
      text += `${i === 0 ? '' : ','}{"role":${JSON.stringify(message.role)},"content":`;
      if (typeof message.content === 'string') text += JSON.stringify(message.content);
      else text = encodeParts(message.content, text, pieces);
      text += '}';
    });
    text += ']';
  }
  pieces.push({ text: `${text}}`, latin1: false });
  return join(pieces);
}

/** Appends the parts; an image spliced as bytes ends the text so far as a piece. */
function encodeParts(parts: readonly ContentPart[], text: string, pieces: Piece[]): string {
  let out = `${text}[`;
  parts.forEach((part, i) => {
    if (i > 0) out += ',';
    const raw = part.type === 'image_url' ? dataUrlOf(part.image_url) : undefined;
    if (part.type !== 'image_url' || raw === undefined) {
      out += JSON.stringify(part);
      return;
    }
    const head = JSON.stringify(`data:${raw.mime};base64,`).slice(0, -1);
    pieces.push({ text: `${out}{"type":"image_url","image_url":{"url":${head}`, latin1: false }, { text: raw.base64, latin1: true });
    const detail = part.image_url.detail;
    out = `"${detail !== undefined ? `,"detail":${JSON.stringify(detail)}` : ''}}}`;
  });
  return `${out}]`;
}

/** One allocation, each piece written once (no intermediate buffers to concatenate). */
function join(pieces: readonly Piece[]): Buffer {
  let size = 0;
  for (const p of pieces) size += p.latin1 ? p.text.length : Buffer.byteLength(p.text, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of pieces) at += out.write(p.text, at, p.latin1 ? 'latin1' : 'utf8');
  return out;
}
