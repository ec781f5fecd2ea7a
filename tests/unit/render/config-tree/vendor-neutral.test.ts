/**
 * The parse/print/diff engines are vendor-neutral: no device syntax in their code (comments may cite
 * it as examples); every delimiter, negation and view command comes from a platform's dialect.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDER = resolve(import.meta.dirname, '../../../../src/render');
const ENGINES = ['config-tree.ts', 'diff.ts', 'dialect.ts', 'index.ts'];
const SYNTAX = /\b(undo|quit|system-view|configure terminal|exit-address-family|vpn-instance|vlan batch|sysname|hostname|Vlanif|Eth-Trunk|AggregatePort)\b|^\s*[#!]\s*$/m;

function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('vendor-neutral engines', () => {
  it.each(ENGINES)('%s holds no device syntax in its code', (file) => {
    const code = codeOnly(readFileSync(join(RENDER, file), 'utf8'));
    const strings = [...code.matchAll(/'([^'\n]*)'|`([^`]*)`|"([^"\n]*)"/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
    expect(strings.filter((s) => SYNTAX.test(s))).toEqual([]);
  });
});
