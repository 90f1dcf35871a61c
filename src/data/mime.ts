/**
 * Image type from magic bytes. Images are passed to the model as they are stored, so the MIME in
 * the data URL must come from the bytes themselves, not from a file name or a guess.
 */

interface Signature {
  readonly mime: string;
  /** Byte values at given offsets that must all match. */
  readonly parts: readonly { readonly at: number; readonly bytes: readonly number[] }[];
  /** Shortest buffer that can hold a real image of this type. */
  readonly minLength: number;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { mime: 'image/jpeg', parts: [{ at: 0, bytes: [0xff, 0xd8, 0xff] }], minLength: 4 },
  {
    mime: 'image/png',
    parts: [{ at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
    minLength: 8,
  },
  { mime: 'image/gif', parts: [{ at: 0, bytes: ascii('GIF87a') }], minLength: 6 },
  { mime: 'image/gif', parts: [{ at: 0, bytes: ascii('GIF89a') }], minLength: 6 },
  {
    mime: 'image/webp',
    parts: [
      { at: 0, bytes: ascii('RIFF') },
      { at: 8, bytes: ascii('WEBP') },
    ],
    minLength: 12,
  },
  // "BM" alone is only two bytes: also require room for the 14-byte file header + smallest DIB header.
  { mime: 'image/bmp', parts: [{ at: 0, bytes: ascii('BM') }], minLength: 26 },
  { mime: 'image/tiff', parts: [{ at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] }], minLength: 8 },
  { mime: 'image/tiff', parts: [{ at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] }], minLength: 8 },
];

/** The image MIME type of `buf` (jpeg, png, gif, webp, bmp, tiff), or undefined if none matches. */
export function sniffImageMime(buf: Uint8Array): string | undefined {
  for (const sig of SIGNATURES) {
    if (buf.length >= sig.minLength && sig.parts.every((p) => p.bytes.every((b, i) => buf[p.at + i] === b))) {
      return sig.mime;
    }
  }
  return undefined;
}
