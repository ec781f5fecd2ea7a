/**
 * The package root: the nearest folder at or above `start` holding package.json. Works from the
 * sources (tsx, vitest) and from a build output such as dist/ alike, and does not depend on
 * process.cwd().
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findPackageRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The `version` of the package.json at or above `start`. */
export function packageVersion(start: string): string | undefined {
  const root = findPackageRoot(start);
  if (!root) return undefined;
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : undefined;
}
