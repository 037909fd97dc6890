/**
 * RMSProp written the way PyTorch's `torch.optim.RMSprop` is, which the reference peers use:
 *   v ← ρ·v + (1−ρ)·g²                      (centered: ḡ ← ρ·ḡ + (1−ρ)·g, v̄ = v − ḡ²)
 *   d = g / (sqrt(v̄ or v) + ε)
 *   momentum μ > 0: buf ← μ·buf + d, θ ← θ − lr·buf;   otherwise θ ← θ − lr·d
 * tfjs's RMSPropOptimizer differs in two ways that matter: it puts ε inside the square root
 * (sqrt(v + ε), so ε = 1e-8 acts like 1e-4 outside it once gradients are small), and it
 * multiplies lr into the momentum buffer, so a scheduled rate change is applied late.
 */
import type { serialization } from '@tensorflow/tfjs';
import { tf } from '../tfjs';

type ConfigDict = serialization.ConfigDict;

type NamedTensor = { name: string; tensor: tf.Tensor };

interface Slots {
  v: tf.Variable;
  buf?: tf.Variable;
  mg?: tf.Variable;
}

const suffix = { v: 'rms', buf: 'momentum', mg: 'mg' } as const;

type RmsProp = tf.Optimizer & { learningRate: number };
type RmsPropClass = new (learningRate: number, rho?: number, momentum?: number, epsilon?: number, centered?: boolean) => RmsProp;
let RmsPropClass: RmsPropClass | undefined;

/** A PyTorch-style RMSProp. The class is made on first use, once the runtime has provided tfjs. */
export function createRmsProp(learningRate: number, rho = 0.9, momentum = 0, epsilon = 1e-8, centered = false): RmsProp {
  RmsPropClass ??= defineRmsProp();
  return new RmsPropClass(learningRate, rho, momentum, epsilon, centered);
}

function defineRmsProp(): RmsPropClass {
  class RmsPropOptimizer extends tf.Optimizer {
    static get className(): string {
      return 'GanvasRMSProp';
    }

    // Slots are keyed by variable name, not by position in the gradient list as in tfjs's
    // own optimizers, so a call with fewer variables cannot mix up their state.
    private slots = new Map<string, Slots>();

    constructor(
      public learningRate: number,
      readonly rho = 0.9,
      readonly momentum = 0,
      readonly epsilon = 1e-8,
      readonly centered = false,
    ) {
      super();
    }

    applyGradients(grads: tf.NamedTensorMap | NamedTensor[]): void {
      const list = Array.isArray(grads) ? grads : Object.entries(grads).map(([name, tensor]) => ({ name, tensor }));
      const { rho, momentum, epsilon } = this;
      for (const { name, tensor: g } of list) {
        if (g == null) continue;
        const value = tf.engine().registeredVariables[name];
        if (!value) throw new Error(`RMSProp: no variable named ${name}`);
        const s = this.slotsFor(name, value);
        tf.tidy(() => {
          const v = tf.add(tf.mul(s.v, rho), tf.mul(tf.square(g), 1 - rho));
          s.v.assign(v);
          let meanSquare: tf.Tensor = v;
          if (s.mg) {
            const mg = tf.add(tf.mul(s.mg, rho), tf.mul(g, 1 - rho));
            s.mg.assign(mg);
            // v − ḡ² ≥ 0 in exact arithmetic; rounding can dip below 0, and sqrt would give NaN.
            meanSquare = tf.relu(tf.sub(v, tf.square(mg)));
          }
          let dir = tf.div(g, tf.add(tf.sqrt(meanSquare), epsilon));
          if (s.buf) {
            dir = tf.add(tf.mul(s.buf, momentum), dir);
            s.buf.assign(dir);
          }
          value.assign(tf.sub(value, tf.mul(dir, this.learningRate)));
        });
      }
      this.incrementIterations();
    }

    private slotsFor(name: string, value: tf.Variable): Slots {
      let s = this.slots.get(name);
      if (!s) {
        const zeros = () => tf.tidy(() => tf.zerosLike(value).variable(false));
        s = { v: zeros() };
        if (this.momentum > 0) s.buf = zeros();
        if (this.centered) s.mg = zeros();
        this.slots.set(name, s);
      }
      return s;
    }

    override dispose(): void {
      for (const s of this.slots.values()) tf.dispose([s.v, ...(s.buf ? [s.buf] : []), ...(s.mg ? [s.mg] : [])]);
      this.slots.clear();
    }

    override async getWeights(): Promise<NamedTensor[]> {
      const out = [await this.saveIterations()];
      for (const [name, s] of this.slots)
        for (const k of ['v', 'buf', 'mg'] as const) {
          const t = s[k];
          if (t) out.push({ name: `${name}/${suffix[k]}`, tensor: t });
        }
      return out;
    }

    override async setWeights(weights: NamedTensor[]): Promise<void> {
      const rest = await this.extractIterations(weights);
      this.dispose();
      const parts = new Map<string, Partial<Slots>>();
      for (const { name, tensor } of rest) {
        const cut = name.lastIndexOf('/');
        const key = (Object.keys(suffix) as (keyof Slots)[]).find((k) => suffix[k] === name.slice(cut + 1));
        if (cut < 0 || !key) continue;
        const varName = name.slice(0, cut);
        const p = parts.get(varName) ?? {};
        p[key] = tensor.variable(false);
        parts.set(varName, p);
      }
      for (const [name, p] of parts) {
        if (p.v) this.slots.set(name, p as Slots);
        else tf.dispose([...(p.buf ? [p.buf] : []), ...(p.mg ? [p.mg] : [])]);
      }
    }

    getConfig(): ConfigDict {
      const { learningRate, rho, momentum, epsilon, centered } = this;
      return { learningRate, rho, momentum, epsilon, centered };
    }
  }
  return RmsPropOptimizer;
}
