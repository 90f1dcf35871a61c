import type { ChatBody } from '../../request/body.js';
import { hash32, type Member } from './member.js';

/**
 * The endpoint for the next request: the one with the fewest requests in flight among those with
 * room (ties: the first listed). With an affinity (image-affinity routing), the endpoint that
 * rendezvous hashing assigns to the request's images, if it has room: the same images then meet
 * the same server, whose prefix cache holds their encoding; when an endpoint goes down, only its
 * own share of images moves.
 */
export function pickMember(members: readonly Member[], affinity: number | undefined): Member | undefined {
  let best: Member | undefined;
  for (const m of members) {
    if (m.hasRoom() && (best === undefined || m.inFlight < best.inFlight)) best = m;
  }
  if (best === undefined || affinity === undefined) return best;
  let preferred: Member | undefined;
  let top = -1;
  for (const m of members) {
    if (m.state !== 'up') continue;
    const score = mix(affinity ^ m.seed);
    if (score > top) {
      top = score;
      preferred = m;
    }
  }
  return preferred?.hasRoom() === true ? preferred : best;
}

/** How much of each image URL is read: its length and two samples (hashing whole images costs CPU). */
const SAMPLE = 256;

/**
 * A hash of the request's images, or undefined for a text-only request. Data URLs begin with the
 * same header bytes for every image of a format, so it samples the middle too; a collision only
 * costs a cache miss. Other URLs (file:// copies named by their bytes' sha256) are short and
 * hashed whole: their differing part is at the end, which the samples would miss in a long path.
 */
export function affinityKey(body: ChatBody): number | undefined {
  let key = '';
  for (const message of body.messages) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type !== 'image_url') continue;
      const url = part.image_url.url;
      if (!url.startsWith('data:')) {
        key += `${url}|`;
        continue;
      }
      const mid = url.length >> 1;
      key += `${url.length}:${url.slice(64, 64 + SAMPLE)}:${url.slice(mid, mid + SAMPLE)}|`;
    }
  }
  return key === '' ? undefined : hash32(key);
}

/** murmur3's finaliser: spreads the bits so rendezvous scores are not ordered like their seeds. */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
