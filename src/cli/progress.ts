/**
 * Progress of long work (booting a large lab, validating a large topology) on one line of the
 * terminal, redrawn in place at most ten times a second and erased when the work is done. Only
 * when both stdout and stderr are terminals: piped or redirected, the command prints nothing
 * extra, so its output stays what scripts read.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface Progress {
  /** `done` of `total` units of the current step, named `label` (a step of its own when it changes). */
  update(label: string, done: number, total: number): void;
  /** Erase the line (call before printing anything else, and at the end). */
  clear(): void;
}

const QUIET: Progress = { update() {}, clear() {} };

export interface ProgressOptions {
  /** Where the line is drawn (default process.stderr). */
  stream?: ProgressStream;
  /** Whether to draw at all (default: stdout and the stream are terminals, and DCNET_PROGRESS is not 0). */
  enabled?: boolean;
  /** Milliseconds between redraws of the same step (default 100). */
  intervalMs?: number;
  now?: () => number;
}

export function startProgress(opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const enabled = opts.enabled ?? (Boolean(stream.isTTY) && Boolean(process.stdout.isTTY) && process.env.DCNET_PROGRESS !== '0');
  if (!enabled) return QUIET;
  const interval = opts.intervalMs ?? 100;
  const now = opts.now ?? Date.now;
  let last = -Infinity;
  let lastLabel = '';
  let shown = false;
  return {
    update(label, done, total) {
      const t = now();
      if (label === lastLabel && done < total && t - last < interval) return;
      last = t;
      lastLabel = label;
      const pct = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
      const text = `${label} ${done}/${total}${pct}`;
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${text.length > width ? text.slice(0, width) : text}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
      lastLabel = '';
    },
  };
}
