/**
 * Every installed package runs on this Node (20): no package in package-lock.json declares an
 * `engines.node` range that excludes it (npm would warn EBADENGINE on install, and .ci/run installs
 * with --engine-strict). fastify's light-my-request asks for cookie ^2, which declares Node >= 22
 * (and ships as ES modules only); package.json `overrides` pins it to cookie 1.1.1 (Node >= 18),
 * which has the same functions, and fastify's inject still sends cookies with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };

describe('dependencies on Node 20', () => {
  it(`every package's engines.node admits this Node (${process.versions.node})`, () => {
    const ranges = Object.entries(lock.packages).filter(([, p]) => typeof p.engines?.node === 'string');
    expect(ranges.length).toBeGreaterThan(50);
    const refused = ranges.filter(([, p]) => !semver.satisfies(process.versions.node, p.engines!.node!)).map(([path, p]) => `${path}@${p.version}: node ${p.engines!.node}`);
    expect(refused).toEqual([]);
    expect(semver.major(process.versions.node)).toBe(20);
  });

  it("light-my-request's cookie is the override, 1.1.1, declaring Node >= 18", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { overrides?: Record<string, Record<string, string>> };
    expect(pkg.overrides?.['light-my-request']).toEqual({ cookie: '1.1.1' });
    expect(lock.packages['node_modules/light-my-request/node_modules/cookie']).toMatchObject({ version: '1.1.1', engines: { node: '>=18' } });
  });

  it('fastify inject sends cookies through it', async () => {
    const app = Fastify();
    app.get('/', async (req) => ({ cookie: req.headers.cookie }));
    try {
      const res = await app.inject({ url: '/', cookies: { session: 'a b/c', other: 'x' } });
      expect(res.json()).toEqual({ cookie: 'session=a%20b%2Fc; other=x' });
    } finally {
      await app.close();
    }
  });
});
