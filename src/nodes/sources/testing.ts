/**
 * The sources' own test helper, beside the shared harness in ../testing: the built-in digits,
 * read directly because src/nodes does not import the runtime's loader (tested beside it).
 * Imported by tests only.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeDigits, type DigitsAsset } from './data/digits-format';

export function readDigits(): DigitsAsset {
  return decodeDigits(gunzipSync(readFileSync(new URL('./data/digits.bin.gz', import.meta.url))));
}
