import { relative } from 'node:path';

/** A path as the user would type it: relative to the working directory, unless it lies outside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return !rel || rel.startsWith('..') ? path : rel;
}
