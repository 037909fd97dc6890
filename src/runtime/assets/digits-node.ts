/**
 * Loads the built-in digits in Node (CLI, tests): the committed gzip file, read and gunzipped
 * once per path and kept for the life of the process (7.9 MB), since every run uses the same data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeDigits, type DigitsAsset } from '../../nodes/sources/data/digits-format';

export const digitsFilePath = fileURLToPath(new URL('../../nodes/sources/data/digits.bin.gz', import.meta.url));

const cache = new Map<string, DigitsAsset>();

export function loadDigitsNode(path: string = digitsFilePath): DigitsAsset {
  let d = cache.get(path);
  if (!d) {
    const raw = gunzipSync(readFileSync(path));
    d = decodeDigits(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
    cache.set(path, d);
  }
  return d;
}
