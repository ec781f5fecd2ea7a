/**
 * `dcnet validate [path] [--json] [--quiet]` and `dcnet summary [path]`: load and validate every
 * network under a path (with a progress line on a terminal), then print the findings or a census.
 */
import { relative } from 'node:path';
import { discoverNetworks, formatSummary, summarizeTopology } from '../model/index.js';
import { validateTopology, type ValidationResult } from '../intent/index.js';
import type { Out } from '../cli.js';
import { countBySeverity, formatValidation } from './format.js';
import { startProgress } from './progress.js';

/** Validate every network under `path`, drawing progress (files read, rules run) on a terminal. */
export function validateAll(path: string): ValidationResult[] {
  const progress = startProgress();
  try {
    return discoverNetworks(path).map((p) => {
      const name = relative(process.cwd(), p) || p;
      return validateTopology(p, undefined, {
        onFile: (done, total) => progress.update(`reading ${name}: files`, done, total),
        onRule: (rule, done, total) => progress.update(`validating ${name}: ${rule}`, done, total),
      });
    });
  } finally {
    progress.clear();
  }
}

export function runValidate(args: { path: string; json: boolean; quiet: boolean }, io: Out): number {
  const results = validateAll(args.path);
  if (args.json) {
    io.out(JSON.stringify(results.map((r) => ({
      network: r.load.topology?.network?.name ?? null, origin: r.load.origin, hash: r.load.hash, ok: r.ok,
      counts: countBySeverity(r.findings), findings: r.findings,
    })), null, 2));
  } else {
    for (const r of results) io.out(formatValidation(r, { quiet: args.quiet }));
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

export function runSummary(path: string, io: Out): number {
  let ok = true;
  for (const r of validateAll(path)) {
    const c = countBySeverity(r.findings);
    io.out(`${r.load.topology?.network?.name ?? r.load.origin} (${r.load.origin}): ${c.error} errors, ${c.warning} warnings`);
    io.out(formatSummary(summarizeTopology(r.load.topology)) + '\n');
    ok &&= r.ok;
  }
  return ok ? 0 : 1;
}
