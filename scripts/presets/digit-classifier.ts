/**
 * A small digit classifier trained on the built-in digits' training split (and on pictures that
 * are no digit), which scores the DCGAN preset's generated digits: how many are confident digits
 * (a digit is the top class, with probability at least `confidence`), and how many of the ten
 * classes those confident digits cover (a class counts when at least `presentShare` of the
 * samples are confidently it), so a generator that collapses onto a few digits shows. Its
 * accuracy on the held-out split is the reference.
 */
import * as tf from '@tensorflow/tfjs';
import { DIGIT_CLASSES, DIGIT_PIXELS, DIGIT_SIDE, type DigitsAsset } from '../../src/nodes/sources/data/digits-format';
import { mulberry32 } from '../../src/nodes/prng';
import { digitSplit } from '../../src/nodes/sources/digits';
import type { Trainer } from '../../src/runtime/trainer';

export interface DigitScore {
  /** Share of the samples whose top class has probability ≥ the confidence threshold. */
  confident: number;
  /** Confident samples per class. */
  perClass: number[];
  /** Classes with at least `presentShare` of the samples confidently in them. */
  present: number;
  samples: number;
}

export interface DigitClassifier {
  /** Probabilities of [N,28,28,1] images in [0,1] (white digit on black): N rows of the ten digits, then "no digit". */
  probabilities(images: tf.Tensor4D): Float32Array;
  /** On the held-out split, which training never saw: accuracy and score of its digits, and the share of new no-digit pictures called so. */
  heldOut: { accuracy: number; score: DigitScore; rejected: number };
  dispose(): void;
}

export interface ScoreOptions {
  confidence?: number;
  presentShare?: number;
}

/** The class of pictures that are no digit: what an untrained or a failing generator makes. */
export const NO_DIGIT = DIGIT_CLASSES;
const OUTPUTS = DIGIT_CLASSES + 1;

const argmax = (p: Float32Array, i: number) => {
  let best = 0;
  for (let k = 1; k < OUTPUTS; k++) if (p[i * OUTPUTS + k]! > p[i * OUTPUTS + best]!) best = k;
  return best;
};

/** Counts confident digits and present classes from N×11 probabilities (the ten digits, then "no digit"). */
export function scoreProbabilities(p: Float32Array, { confidence = 0.9, presentShare = 0.01 }: ScoreOptions = {}): DigitScore {
  const n = p.length / OUTPUTS;
  const perClass = new Array<number>(DIGIT_CLASSES).fill(0);
  let confident = 0;
  for (let i = 0; i < n; i++) {
    const best = argmax(p, i);
    if (best !== NO_DIGIT && p[i * OUTPUTS + best]! >= confidence) {
      confident++;
      perClass[best]!++;
    }
  }
  return { confident: confident / n, perClass, present: perClass.filter((c) => c > 0 && c >= presentShare * n).length, samples: n };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * One picture that is no digit, in [0,1], of one of four kinds in turn: a flat grey, grey plus
 * noise, smooth blotches (noise blurred by a 7×7 box), or the mean of three digits of different
 * classes (strokes that make no single digit).
 */
function noDigit(d: DigitsAsset, pool: Int32Array, kind: number, rand: () => number): Float32Array {
  const out = new Float32Array(DIGIT_PIXELS);
  const level = rand();
  if (kind === 0) out.fill(level);
  else if (kind === 1) {
    const amp = 0.05 + 0.5 * rand();
    for (let p = 0; p < DIGIT_PIXELS; p++) out[p] = Math.min(1, Math.max(0, level + amp * (rand() - 0.5)));
  } else if (kind === 2) {
    const noise = Float32Array.from({ length: DIGIT_PIXELS }, () => rand());
    for (let y = 0; y < DIGIT_SIDE; y++)
      for (let x = 0; x < DIGIT_SIDE; x++) {
        let sum = 0;
        let n = 0;
        for (let dy = -3; dy <= 3; dy++)
          for (let dx = -3; dx <= 3; dx++) {
            const [yy, xx] = [y + dy, x + dx];
            if (yy < 0 || xx < 0 || yy >= DIGIT_SIDE || xx >= DIGIT_SIDE) continue;
            sum += noise[yy * DIGIT_SIDE + xx]!;
            n++;
          }
        out[y * DIGIT_SIDE + x] = Math.min(1, Math.max(0, 0.5 + 3 * (sum / n - 0.5)));
      }
  } else {
    const picked: number[] = [];
    while (picked.length < 3) {
      const k = pool[Math.floor(rand() * pool.length)]!;
      if (!picked.some((j) => d.labels[j] === d.labels[k])) picked.push(k);
    }
    for (const k of picked) for (let p = 0; p < DIGIT_PIXELS; p++) out[p]! += d.images[k * DIGIT_PIXELS + p]! / 255 / 3;
  }
  return out;
}

interface Examples {
  x: tf.Tensor4D;
  y: tf.Tensor2D;
  labels: Uint8Array;
}

/** The digits at `indices` and `negatives` pictures that are no digit, in a seeded order, as [N,28,28,1] in [0,1] with one-hot labels. */
function examples(d: DigitsAsset, indices: Int32Array, negatives: number, seed: number): Examples {
  const rand = mulberry32(seed); // seeded, so training is the same on every run
  const items: (number | Float32Array)[] = [...indices];
  for (let i = 0; i < negatives; i++) items.push(noDigit(d, indices, i % 4, rand));
  shuffle(items, rand);
  const pixels = new Float32Array(items.length * DIGIT_PIXELS);
  const labels = new Uint8Array(items.length);
  items.forEach((it, i) => {
    if (typeof it === 'number') {
      for (let p = 0; p < DIGIT_PIXELS; p++) pixels[i * DIGIT_PIXELS + p] = d.images[it * DIGIT_PIXELS + p]! / 255;
      labels[i] = d.labels[it]!;
    } else {
      pixels.set(it, i * DIGIT_PIXELS);
      labels[i] = NO_DIGIT;
    }
  });
  const x = tf.tensor4d(pixels, [items.length, DIGIT_SIDE, DIGIT_SIDE, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), OUTPUTS).toFloat() as tf.Tensor2D);
  return { x, y, labels };
}

/**
 * Trains the classifier: two stride-2 convolutions (16 and 32 filters, 3×3, ReLU), a dense layer
 * of 64 (ReLU) and a softmax over the ten digits and "no digit"; Adam 2e-3, batches of 32, over
 * the training split (holdOut per class kept apart, as the preset's digits node does) and a third
 * as many pictures that are no digit. Without that class a classifier calls a flat grey square a
 * confident 3, and an untrained generator would score as well as a trained one. Six epochs
 * (about 25 s on wasm) reach about 97% on the held-out digits.
 */
export async function trainDigitClassifier(d: DigitsAsset, { epochs = 6, seed = 17, holdOut = 100 } = {}): Promise<DigitClassifier> {
  const all = Array.from({ length: DIGIT_CLASSES }, (_, k) => k);
  const train = digitSplit(d, all, holdOut, 'train');
  const data = examples(d, train, Math.round(train.length / 3), seed);
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [DIGIT_SIDE, DIGIT_SIDE, 1], filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.dense({ units: OUTPUTS, activation: 'softmax', kernelInitializer: init(4) }),
    ],
  });
  const optimizer = tf.train.adam(2e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  try {
    await model.fit(data.x, data.y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });
  } finally {
    data.x.dispose();
    data.y.dispose();
    optimizer.dispose(); // its moments; the model does not own it
  }
  const probabilities = (images: tf.Tensor4D) => {
    const out = new Float32Array(images.shape[0] * OUTPUTS);
    for (let i = 0; i < images.shape[0]; i += 256) {
      const p = tf.tidy(() => model.predict(images.slice(i, Math.min(256, images.shape[0] - i))) as tf.Tensor);
      out.set(p.dataSync(), i * OUTPUTS);
      p.dispose();
    }
    return out;
  };
  // Held out: the digits training never saw, and as many new pictures that are no digit.
  const heldOut = digitSplit(d, all, holdOut, 'held-out');
  const test = examples(d, heldOut, heldOut.length, seed + 1000);
  const p = probabilities(test.x);
  test.x.dispose();
  test.y.dispose();
  const digitRows: number[] = [];
  let [right, rejected, negatives] = [0, 0, 0];
  test.labels.forEach((l, i) => {
    const guess = argmax(p, i);
    if (l === NO_DIGIT) {
      negatives++;
      if (guess === NO_DIGIT) rejected++;
      return;
    }
    digitRows.push(i);
    if (guess === l) right++;
  });
  const digitProbs = new Float32Array(digitRows.length * OUTPUTS);
  digitRows.forEach((row, i) => digitProbs.set(p.subarray(row * OUTPUTS, (row + 1) * OUTPUTS), i * OUTPUTS));
  return {
    probabilities,
    heldOut: { accuracy: right / digitRows.length, score: scoreProbabilities(digitProbs), rejected: rejected / negatives },
    dispose: () => model.dispose(),
  };
}

/**
 * Scores `count` digits of the DCGAN preset's generator (network 'generator', noise node 'z')
 * from a seeded noise batch, the same one before and after training.
 */
export function generatedDigitScore(t: Trainer, classifier: DigitClassifier, { count = 500, seed = 5 } = {}): DigitScore {
  const z = t.plan.steps.find((s) => s.id === 'z')!.outputs.out!.shape;
  const range = t.plan.steps.find((s) => s.id === 'G')!.outputs.out!.range;
  const images = tf.tidy(() => {
    const g = t.apply('generator', { z: tf.randomNormal([count, z[1]!], 0, 1, 'float32', seed) }).out as tf.Tensor4D;
    return (range === '[-1,1]' ? tf.div(tf.add(g, 1), 2) : g).clipByValue(0, 1) as tf.Tensor4D;
  });
  try {
    return scoreProbabilities(classifier.probabilities(images));
  } finally {
    images.dispose();
  }
}
