/**
 * The FLOP table of WORKLOADS.md ("FLOP accounting"), derived from the layer tables: multiply-adds
 * ×2 for conv, convT, dense and Gram only. conv MACs = B·Ho·Wo·Cout·Cin·k², convT MACs =
 * B·Hin·Win·Cin·Cout·k², dense MACs = B·in·out, Gram MACs = B·C²·H·W. A training step counts
 * 3× forward for a network being updated, 2× for one only back-propagated through, 1× for a
 * no-grad pass. GFLOP/s in the bench divide these by the measured step time.
 */
export type Layer =
  | { op: 'conv'; b: number; out: number; cin: number; cout: number; k: number }
  | { op: 'convT'; b: number; in: number; cin: number; cout: number; k: number }
  | { op: 'dense'; b: number; in: number; out: number }
  | { op: 'gram'; b: number; hw: number; c: number };

export function macs(l: Layer): number {
  switch (l.op) {
    case 'conv':
      return l.b * l.out * l.out * l.cout * l.cin * l.k * l.k;
    case 'convT':
      return l.b * l.in * l.in * l.cin * l.cout * l.k * l.k;
    case 'dense':
      return l.b * l.in * l.out;
    case 'gram':
      return l.b * l.c * l.c * l.hw * l.hw;
  }
}

/** GFLOP of one forward pass through the layers. */
export const gflop = (layers: readonly Layer[]): number => (2 * layers.reduce((n, l) => n + macs(l), 0)) / 1e9;

const conv = (b: number, out: number, cin: number, cout: number, k: number): Layer => ({ op: 'conv', b, out, cin, cout, k });
const convT = (b: number, inSize: number, cin: number, cout: number, k: number): Layer => ({ op: 'convT', b, in: inSize, cin, cout, k });

export const nets = {
  pix2pixG: [conv(1, 32, 3, 32, 4), conv(1, 16, 32, 64, 4), conv(1, 8, 64, 128, 4), conv(1, 4, 128, 128, 4), convT(1, 4, 128, 128, 4), convT(1, 8, 256, 64, 4), convT(1, 16, 128, 32, 4), convT(1, 32, 64, 3, 4)],
  pix2pixD: [conv(1, 32, 6, 32, 4), conv(1, 16, 32, 64, 4), conv(1, 8, 64, 128, 4), conv(1, 8, 128, 1, 4)],
  styleT: [
    conv(2, 128, 3, 16, 9), conv(2, 64, 16, 32, 3), conv(2, 32, 32, 64, 3),
    ...Array.from({ length: 6 }, () => conv(2, 32, 64, 64, 3)),
    conv(2, 64, 64, 32, 3), conv(2, 128, 32, 16, 3), conv(2, 128, 16, 3, 9),
  ],
  styleL12: [conv(2, 128, 3, 32, 3), conv(2, 64, 32, 64, 3)],
  styleL3: [conv(2, 32, 64, 128, 3)],
  styleGrams: [{ op: 'gram', b: 2, hw: 128, c: 32 }, { op: 'gram', b: 2, hw: 64, c: 64 }, { op: 'gram', b: 2, hw: 32, c: 128 }] as Layer[],
  dcganG: [{ op: 'dense', b: 64, in: 64, out: 6272 } as Layer, convT(64, 7, 128, 64, 5), convT(64, 14, 64, 1, 5)],
  dcganD: [conv(64, 14, 1, 64, 5), conv(64, 7, 64, 128, 5), { op: 'dense', b: 64, in: 6272, out: 1 } as Layer],
};

export interface WorkloadFlops {
  /** GFLOP of the forward computations of one step. */
  forward: number;
  /** GFLOP of one training step, the denominator of GFLOP/s. */
  train: number;
}

function workloadFlops(): Record<'pix2pix-lite-64' | 'fast-style-128' | 'dcgan-28', WorkloadFlops> {
  const f = Object.fromEntries(Object.entries(nets).map(([k, v]) => [k, gflop(v)])) as Record<keyof typeof nets, number>;
  const L = f.styleL12 + f.styleL3;
  return {
    // fwd = G + 3D; train = 3G + 6D + 2D (D twice in its update, once frozen in G's)
    'pix2pix-lite-64': { forward: f.pix2pixG + 3 * f.pix2pixD, train: 3 * f.pix2pixG + 8 * f.pix2pixD },
    // fwd = T + L(ŷ) + Grams + L₁₋₂(x); train = 3T + 2(L + Grams) + L₁₋₂
    'fast-style-128': { forward: f.styleT + L + f.styleGrams + f.styleL12, train: 3 * f.styleT + 2 * (L + f.styleGrams) + f.styleL12 },
    'dcgan-28': { forward: f.dcganG + 3 * f.dcganD, train: 3 * f.dcganG + 8 * f.dcganD },
  };
}

export const flops = workloadFlops();
