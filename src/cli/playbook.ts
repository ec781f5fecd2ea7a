/**
 * `dcnet playbook list` and `dcnet playbook run <name> [--var k=v]... [--dry-run] -m <why> [--yes]`:
 * run a playbook of playbooks/ (or --dir) against the topology's devices (--lab: the running lab's).
 * A gate asks on a terminal; without one, `--yes` gives every go-ahead, and without it a gate stops
 * the run.
 */
import { resolve } from 'node:path';

import { DcnetError } from '../errors.js';
import { actorName, labTargets, loadOneNetwork, openEngine } from './change.js';
import { plainProgress } from './change-progress.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export const PLAYBOOK_DIR = 'playbooks';

function parseVars(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)) {
    const i = item.indexOf('=');
    if (i <= 0) throw new DcnetError('CLI_USAGE', `--var takes name=value, not '${item}'`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

async function ask(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

export async function runPlaybookCommand(positionals: string[], values: Record<string, unknown>, io: Io): Promise<number> {
  const { listPlaybooks, loadPlaybook, runPlaybook } = await import('../change/index.js');
  const dir = resolve((values.dir as string | undefined) ?? PLAYBOOK_DIR);
  const [sub, name] = positionals;
  if (sub === 'list') {
    for (const n of listPlaybooks(dir)) {
      const pb = loadPlaybook(dir, n);
      io.out(`${n.padEnd(28)} ${(pb.description ?? '').trim().split('\n')[0]!.slice(0, 90)}`);
      for (const [k, v] of Object.entries(pb.variables ?? {})) io.out(`${''.padEnd(30)}--var ${k}=...${v.required ? ' (required)' : v.default !== undefined ? ` (default ${v.default})` : ''}  ${v.description ?? ''}`);
    }
    return 0;
  }
  if (sub !== 'run' || !name) throw new DcnetError('CLI_USAGE', 'usage: dcnet playbook run <name> [--var k=v]... [--dry-run] -m <why> | dcnet playbook list');
  const playbook = loadPlaybook(dir, name);
  const msg = typeof values.message === 'string' ? values.message : '';
  const lab = values.lab ? await labTargets() : undefined;
  const path = (values.topology as string | undefined) ?? process.env.DCNET_TOPOLOGY ?? lab?.topology ?? 'topology';
  const { load, source } = await loadOneNetwork(path);
  const progress = plainProgress(io);
  const opened = await openEngine(io, progress);
  try {
    const interactive = Boolean(process.stdin.isTTY);
    const result = await runPlaybook(opened.engine, {
      playbook, variables: parseVars(values.var), dryRun: Boolean(values['dry-run']), actor: actorName(), message: msg, load, source,
      ...(lab ? { targetOverride: lab.override } : {}),
      gate: async (g) => (values.yes ? true : interactive ? ask(g.message) : false),
    });
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(`playbook ${playbook.name} run ${result.runId}: ${result.status}${result.error ? ` (${result.error.code}: ${result.error.message})` : ''}`);
      for (const s of result.steps) {
        io.out(`  ${s.step.padEnd(34)} ${s.action.padEnd(11)} ${s.status}${s.error ? `  ${s.error.code}: ${s.error.message}` : ''}`);
        const diffs = s.detail?.diffs as Record<string, string> | undefined;
        if (diffs && s.status === 'dry-run') for (const [d, text] of Object.entries(diffs)) io.out(`    == ${d}\n${text.trimEnd().split('\n').map((l) => `    ${l}`).join('\n')}`);
      }
    }
    return result.status === 'failed' ? 1 : 0;
  } finally {
    await opened.close();
  }
}
