/**
 * Who learns whose routes, from route targets alone: VPN instance A learns the routes of instance B
 * (A ≠ B) when A imports a route target that B exports. Targets are compared as the devices read
 * them, by value (model/route-target.ts: `65010:0101` = `65010:101` = `0.65010:101`), never as text. Route leaking in MPLS L3VPN is not
 * transitive (routes A imported are not exported again with A's targets), so the direct edges are
 * the whole story. Pure; tolerates holes and junk; used by the isolation and addressing rules, the
 * CLI and the API.
 */
import { routeTargetKey, type Topology } from '../model/index.js';
import { items } from './context.js';

export interface VpnNode {
  name: string;
  kind: string;
  zone?: string;
  /** Ids of the departments whose `vpn` is this instance. */
  departments: string[];
  /** Position in topology.vpnInstances. */
  index: number;
}

export interface LearnEdge {
  /** The instance that imports the routes. */
  learner: string;
  /** The instance whose routes it receives. */
  source: string;
  /** The route targets that make it so (imported by the learner, exported by the source). */
  routeTargets: string[];
}

export interface Reachability {
  instances: VpnNode[];
  /** Sorted by learner, then source. */
  edges: LearnEdge[];
}

function targets(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
}

export function computeReachability(topology: Topology): Reachability {
  const t = (topology ?? {}) as Partial<Topology>;
  const byName = new Map<string, { node: VpnNode; imports: string[]; exports: Map<string, string> }>();
  for (const [v, index] of items(t.vpnInstances)) {
    if (typeof v !== 'object' || typeof v.name !== 'string' || byName.has(v.name)) continue;
    byName.set(v.name, {
      node: { name: v.name, kind: typeof v.kind === 'string' ? v.kind : 'unknown', ...(typeof v.zone === 'string' ? { zone: v.zone } : {}), departments: [], index },
      imports: targets(v.importTargets),
      exports: new Map(targets(v.exportTargets).flatMap((t) => { const k = routeTargetKey(t); return k ? [[k, t] as [string, string]] : []; })),
    });
  }
  for (const [d] of items(t.departments)) {
    if (typeof d !== 'object' || typeof d.id !== 'string' || typeof d.vpn !== 'string') continue;
    const entry = byName.get(d.vpn);
    if (entry && !entry.node.departments.includes(d.id)) entry.node.departments.push(d.id);
  }
  const edges: LearnEdge[] = [];
  for (const learner of byName.values()) {
    for (const source of byName.values()) {
      if (learner === source) continue;
      const rts = [...new Set(learner.imports.filter((rt) => { const k = routeTargetKey(rt); return k !== undefined && source.exports.has(k); }))];
      if (rts.length > 0) edges.push({ learner: learner.node.name, source: source.node.name, routeTargets: rts });
    }
  }
  edges.sort((a, b) => a.learner.localeCompare(b.learner) || a.source.localeCompare(b.source));
  return { instances: [...byName.values()].map((e) => e.node), edges };
}

/** The instances whose routes `learner` receives. */
export function learnedBy(r: Reachability, learner: string): string[] {
  return r.edges.filter((e) => e.learner === learner).map((e) => e.source);
}

/** True when `learner` receives the routes of `source`. */
export function learns(r: Reachability, learner: string, source: string): boolean {
  return r.edges.some((e) => e.learner === learner && e.source === source);
}
