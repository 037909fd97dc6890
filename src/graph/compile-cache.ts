/**
 * What a compile can reuse from the ones before it. The editor recompiles after every edit, and
 * an edit copies only what it changes (src/graph/edit.ts never mutates), so most of the next
 * document is the very same objects: the same params objects, the same network definitions.
 * Keyed by object identity, a cache is therefore only for documents treated as immutable — the
 * editor's. compile() without one computes everything afresh, which is what a caller that edits
 * documents in place (tests, scripts) gets.
 *
 * Reused: a node's parsed params (per params object and kind); a network's resolved scope (per
 * definition); a network's inference from one call site (per definition, the signals it is fed
 * and the graph settings); and a network's part of the plan (per definition, while its scope,
 * call sites and their inferences are the same).
 */
import type { Registry } from '../nodes/registry';
import type { AnyNodeDef } from '../nodes/types';
import type { NetworkAnalysis } from './analyze';
import type { PlanNetwork } from './plan';
import type { NetworkDef } from './schema';
import type { ResolvedScope } from './scope';

type Parsed = ReturnType<AnyNodeDef['params']['safeParse']>;

export class CompileCache {
  private parsed = new WeakMap<object, { def: AnyNodeDef; result: Parsed }>();
  private scopes = new WeakMap<NetworkDef, ResolvedScope>();
  private calls = new WeakMap<NetworkDef, Map<string, NetworkAnalysis>>();
  private planned = new WeakMap<NetworkDef, { deps: readonly unknown[]; plan: PlanNetwork }>();
  private registry: Registry | undefined;

  /** The cache for compiles against `registry`; a different registry starts it afresh. */
  for(registry: Registry): this {
    if (this.registry !== registry) {
      this.registry = registry;
      this.parsed = new WeakMap();
      this.scopes = new WeakMap();
      this.calls = new WeakMap();
      this.planned = new WeakMap();
    }
    return this;
  }

  /** `def.params.safeParse(params)`, once per params object and kind. */
  parse(def: AnyNodeDef, params: unknown): Parsed {
    if (typeof params !== 'object' || params === null) return def.params.safeParse(params);
    const hit = this.parsed.get(params);
    if (hit && hit.def === def) return hit.result;
    const result = def.params.safeParse(params);
    this.parsed.set(params, { def, result });
    return result;
  }

  /**
   * A network's resolved scope, once per definition. A definition holding a call site (which the
   * resolver refuses: no nested networks) resolves its ports from the other networks, so it is
   * resolved afresh each time.
   */
  scope(net: NetworkDef, resolve: () => ResolvedScope): ResolvedScope {
    const hit = this.scopes.get(net);
    if (hit) return hit;
    const s = resolve();
    if (!net.nodes.some((n) => n.type === 'network')) this.scopes.set(net, s);
    return s;
  }

  /** A network's inference as one call site sees it, keyed by what that depends on besides the definition. */
  call(net: NetworkDef, key: string, infer: () => NetworkAnalysis): NetworkAnalysis {
    let byKey = this.calls.get(net);
    if (!byKey) this.calls.set(net, (byKey = new Map()));
    const hit = byKey.get(key);
    if (hit) return hit;
    const a = infer();
    if (byKey.size >= 16) byKey.clear(); // a network fed ever new shapes keeps only recent ones
    byKey.set(key, a);
    return a;
  }

  /** A network's part of the plan, again while everything it was made from is the very same objects. */
  plan(net: NetworkDef, deps: readonly unknown[], make: () => PlanNetwork): PlanNetwork {
    const hit = this.planned.get(net);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.plan;
    const plan = make();
    this.planned.set(net, { deps, plan });
    return plan;
  }
}
