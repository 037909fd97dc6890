/**
 * Loads the built-in digits in the browser: the committed gzip file, bundled as an asset of the
 * app (served from the same origin, so nothing is downloaded from elsewhere) and gunzipped with
 * the browser's DecompressionStream. Kept for the life of the worker.
 */
import digitsUrl from '../../nodes/sources/data/digits.bin.gz?url';
import { decodeDigits, type DigitsAsset } from '../../nodes/sources/data/digits-format';

let cached: Promise<DigitsAsset> | undefined;

export function loadDigitsBrowser(): Promise<DigitsAsset> {
  cached ??= (async () => {
    const res = await fetch(digitsUrl);
    if (!res.ok || !res.body) throw new Error(`The built-in digits could not be read (${res.status} ${res.statusText}).`);
    const raw = await new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    return decodeDigits(new Uint8Array(raw));
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
