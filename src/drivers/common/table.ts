/**
 * Column splitting for fixed-width CLI tables whose cells may contain single spaces
 * (`GigabitEthernet 0/1`, `administratively down`, `1minute 45seconds`).
 */

/** Start offsets of the given column titles in a header line (titles must appear in order). */
export function headerOffsets(header: string, titles: readonly string[]): number[] | undefined {
  const out: number[] = [];
  let from = 0;
  for (const t of titles) {
    const i = header.indexOf(t, from);
    if (i < 0) return undefined;
    out.push(i);
    from = i + t.length;
  }
  return out;
}

/**
 * Splits a table row into `offsets.length` cells. First by runs of two or more blanks; when that
 * does not give the expected count (an empty cell, or a value that overflowed its column with a
 * single blank), each blank-separated word goes to the last column starting at or before it.
 */
export function splitRow(line: string, offsets: readonly number[]): string[] {
  const n = offsets.length;
  const byGap = line.trim().split(/\s{2,}/);
  if (byGap.length === n) return byGap;
  const cells: string[][] = offsets.map(() => []);
  const word = /\S+/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = word.exec(line))) {
    let col = 0;
    for (let k = 0; k < n; k++) if (offsets[k]! <= m.index) col = k;
    // never move left: an overflowing cell pushes the following words right
    col = Math.max(col, last);
    cells[col]!.push(m[0]);
    last = col;
  }
  return cells.map((c) => c.join(' '));
}

/** `key: value` pairs on one line separated by two or more blanks (`WorkingMode: LACP   Hash ...: X`). */
export function keyValues(line: string, sep = ':'): [string, string][] | undefined {
  const out: [string, string][] = [];
  for (const part of line.trim().split(/\s{2,}(?=[A-Za-z][^:]*:)/)) {
    const i = part.indexOf(sep);
    if (i <= 0) return undefined;
    out.push([part.slice(0, i).trim(), part.slice(i + 1).trim()]);
  }
  return out;
}
