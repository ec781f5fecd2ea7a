/**
 * A clone of the project stands alone: nothing under src/, tests/ or bench/ (nor the top-level
 * configuration) reaches for the `shared/` folder that sits beside the clone on the developers'
 * machines, and the real-device material the tests read is kept in tests/fixtures/devices/ with its
 * provenance: each file listed in its folder's MANIFEST.tsv with the git blob SHA-1 and size it had
 * at its source (so a copy is byte-exact, CRLF and all), and a licence beside it.
 * (.ci/run proves the same from the other side: it runs the suite in a clone with no shared/ beside it.)
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_FIXTURES } from '../../support/device-fixtures.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A line that is only a comment (as the project's pre-stop hook reads it). */
const COMMENT = /^\s*(\/\/|\*|\/\*|#)/;

/**
 * Ways to name the folder beside the clone. Stricter than the hook's `(\.\./)+shared(/|['"])`: also
 * backslashes, a backtick or the end of the line after it, path segments given one by one
 * (`join(root, '..', 'shared')`), the absolute path, and any path into shared's own folders.
 */
const REACHES_SHARED: RegExp[] = [
  /(\.\.[/\\]{1,2})+shared([/\\'"`]|$)/,
  /['"`]\.\.['"`]\s*,\s*(['"`]\.\.['"`]\s*,\s*)*['"`]shared[/\\'"`]/,
  /[/\\]work[/\\]shared\b/,
  /\bshared[/\\]{1,2}(fixtures|reference|tools|seeds|hooks)\b/,
];

/** The lines of a text that reach for shared/, with their numbers. */
function linesReachingShared(text: string): { line: number; text: string }[] {
  return text.split('\n').flatMap((l, i) => (!COMMENT.test(l) && REACHES_SHARED.some((re) => re.test(l)) ? [{ line: i + 1, text: l.trim() }] : []));
}

const CODE = /\.(ts|mts|cts|tsx|js|mjs|cjs|jsx|json|sh)$/;
/** Data, not code (the fixtures' own README names where they came from). */
const NOT_SCANNED = new Set(['tests/fixtures/devices', 'tests/golden']);

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return NOT_SCANNED.has(relative(ROOT, p)) ? [] : codeFiles(p);
    return CODE.test(e.name) ? [p] : [];
  });
}

describe('nothing reaches for the shared folder beside the clone', () => {
  // Built at run time so that this file's own lines do not match.
  const S = ['sha', 'red'].join('');
  const bad = [
    `const FIXTURES = join(ROOT, '../${S}/fixtures');`,
    `const R = resolve(import.meta.dirname, '../../../../${S}/fixtures/snmprec/librenms');`,
    `snmprecFile: \`\${import.meta.dirname}/../../../../${S}/fixtures/snmprec/librenms/ruijie.snmprec\`,`,
    `const SHARED = resolve(ROOT, '../${S}');`,
    `const SHARED = resolve(ROOT, \`../${S}\`);`,
    `const up = join(ROOT, '..', '${S}');`,
    `const up = join(ROOT, '..', '..', '${S}', 'fixtures');`,
    `const abs = '/work/${S}/reference/huawei-vrp.md';`,
    `const d = join(parent, '${S}/fixtures');`,
    `const w = 'C:\\\\x\\\\..\\\\${S}\\\\fixtures';`,
    `load('../${S}/reference/huawei-vrp.md'); // a trailing comment does not excuse the code`,
  ];
  const fine = [
    `import { vlanBatch } from '../${S}-vrp/dialect-common.js';`,
    `export * from '../../${S}-vrp/index.js';`,
    ` * Forms follow the recordings in ../${S}/fixtures/snmprec/librenms:`,
    `// copied from ../${S}/fixtures/cli-captures`,
    `{ name: 'public', kind: '${S}', rd: '65000:200' }`,
    `let ${S}: SessionPool | undefined;`,
  ];

  it.each(bad)('catches %s', (line) => {
    expect(linesReachingShared(line)).toHaveLength(1);
  });

  it.each(fine)('lets %s pass', (line) => {
    expect(linesReachingShared(line)).toEqual([]);
  });

  it('no file under src/, tests/, bench/ (nor the top-level configuration) reaches for it', () => {
    const files = [
      ...['src', 'tests', 'bench'].flatMap((d) => codeFiles(join(ROOT, d))),
      ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', 'drizzle.config.ts'].map((f) => join(ROOT, f)).filter(existsSync),
    ];
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain(join(ROOT, 'tests/support/device-fixtures.ts'));
    const hits = files.flatMap((f) => linesReachingShared(readFileSync(f, 'utf8')).map((h) => `${relative(ROOT, f)}:${h.line}: ${h.text}`));
    expect(hits, 'copy what the test needs into tests/fixtures/devices/ (see its README.md)').toEqual([]);
  });
});

/** git's blob id of a file's bytes (`git hash-object`). */
function gitBlobSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? allFiles(join(dir, e)) : [join(dir, e)]));
}

/** The folder's own notes, not data: its README, manifest and licence files. */
const PAPERS = /^(README\.md|MANIFEST\.tsv|LICEN[CS]E.*)$/;

describe('tests/fixtures/devices keeps its provenance', () => {
  const tops = readdirSync(DEVICE_FIXTURES).filter((e) => statSync(join(DEVICE_FIXTURES, e)).isDirectory()).sort();

  it('has the folders the tests read, mirroring the shared fixtures (plus reference/)', () => {
    expect(tops).toEqual(['cli-captures', 'ntc-templates', 'reference', 'snmprec']);
    expect(existsSync(join(DEVICE_FIXTURES, 'README.md'))).toBe(true);
  });

  describe.each(tops)('%s/', (top) => {
    const dir = join(DEVICE_FIXTURES, top);
    const rows = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
    const [head, ...body] = rows;
    const col = (name: string) => head!.indexOf(name);
    const data = allFiles(dir).filter((f) => !PAPERS.test(f.split('/').pop()!)).map((f) => relative(dir, f)).sort();

    it('has a README.md that names the source and the licence', () => {
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      expect(readme).toMatch(/source/i);
      expect(readme).toMatch(/licen[cs]e/i);
    });

    it('lists every data file in MANIFEST.tsv with its git blob SHA-1 and size, and lists nothing else', () => {
      expect(col('path')).toBe(0);
      expect(col('git_blob_sha1')).toBeGreaterThan(0);
      expect(col('bytes')).toBeGreaterThan(0);
      expect(data.length).toBeGreaterThan(0);
      const listed = body.map((r) => r[0]!).filter((p) => !PAPERS.test(p.split('/').pop()!)).sort();
      expect(listed).toEqual(data);
      for (const r of body) {
        const file = join(dir, r[0]!);
        expect(existsSync(file), `${top}/${r[0]} is in MANIFEST.tsv but not here`).toBe(true);
        const bytes = readFileSync(file);
        expect({ file: r[0], bytes: bytes.length, sha1: gitBlobSha1(bytes) }).toEqual({ file: r[0], bytes: Number(r[col('bytes')]), sha1: r[col('git_blob_sha1')] });
      }
    });

  });

  it.each(['cli-captures', 'ntc-templates', 'snmprec'])('%s/: the licence of its source is beside every data file (in its folder or one above)', (top) => {
    const dir = join(DEVICE_FIXTURES, top);
    const unlicensed = allFiles(dir).filter((f) => !PAPERS.test(f.split('/').pop()!)).filter((f) => {
      for (let d = dirname(f); d.startsWith(dir); d = dirname(d)) {
        if (readdirSync(d).some((e) => /^LICEN[CS]E/.test(e))) return false;
      }
      return true;
    });
    expect(unlicensed.map((f) => relative(dir, f))).toEqual([]);
  });

  it('reference/: samples quoted by the reference documents, whose licence the README says is not recorded', () => {
    const readme = readFileSync(join(DEVICE_FIXTURES, 'reference/README.md'), 'utf8');
    expect(readme).toMatch(/licence[^.]*not recorded/i);
    expect(readme).toContain('reference/huawei-vrp.md');
    expect(readme).toContain('reference/ruijie-rgos.md');
  });
});
