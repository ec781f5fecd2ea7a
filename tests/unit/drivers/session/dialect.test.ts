/**
 * The CLI dialects the session reads with: prompts (learned and matched in every view), pagers and
 * their erase sequences, and the vendors' error texts (reference/huawei-vrp.md §1.2–1.7,
 * huawei-usg.md §1, ruijie-rgos.md §1).
 */
import { describe, expect, it } from 'vitest';

import { cleanText, rgosDialect, vrpDialect } from '../../../../src/drivers/session/dialect.js';

describe('VRP dialect', () => {
  it('learns the name from the user-view prompt, with or without an HRP prefix', () => {
    expect(vrpDialect.learn('Info: The max number of VTY users is 10\n\n<SW1POP10>')).toEqual({ base: 'SW1POP10', line: '<SW1POP10>', mode: 'user' });
    expect(vrpDialect.learn('x\nHRP_M<USG-1>')).toEqual({ base: 'USG-1', line: 'HRP_M<USG-1>', mode: 'user' });
    expect(vrpDialect.learn('\n<some-device>')?.base).toBe('some-device');
    expect(vrpDialect.learn('Info: text without a prompt\n')).toBeUndefined();
    expect(vrpDialect.learn('display version')).toBeUndefined();
  });

  it('recognises the learned name in every view, and nothing else', () => {
    const re = vrpDialect.promptFor('core-1');
    for (const p of ['<core-1>', '[core-1]', '[~core-1]', '[*core-1-GE1/0/1]', '[core-1-Vlanif10]', '[core-1-vpn-instance-CUST_A-af-ipv4]', 'HRP_S[core-1-zone-trust]', '[core-1-ui-vty0-4]']) {
      expect(re.test(`output\n${p}`), p).toBe(true);
    }
    for (const p of ['<core-2>', '[V200R009C00SPC500]', 'core-1#', '<core-1> more', '[core-1]x']) expect(re.test(`output\n${p}`), p).toBe(false);
    expect(re.test('[core-1]')).toBe(true);
  });

  it('finds the five parser errors and the other Error forms; Info and Warning are not failures', () => {
    for (const e of [
      "Error: Unrecognized command found at '^' position.", "Error: Wrong parameter found at '^' position.", "Error: Incomplete command found at '^' position.",
      "Error:Too many parameters found at '^' position.", "Error: Ambiguous command found at '^' position.", "Error[1]: Unrecognized command found at '^' position.",
      'Error: No permission to run the command.', "% Unrecognized command found at '^' position.", 'Error: Failed to execute the command.',
    ]) expect(vrpDialect.rejection(['       ^', e]), e).toBe(e);
    expect(vrpDialect.rejection(['Info: VPN-Target assignment is successful.', 'Warning: The configuration takes effect'])).toBeUndefined();
  });

  it('knows sysname changes', () => {
    expect(vrpDialect.renames('sysname CORE9')).toBe('CORE9');
    expect(vrpDialect.renames('sysn CORE9')).toBe('CORE9');
    expect(vrpDialect.renames('snmp-agent sys-info contact x')).toBeUndefined();
  });

  it('cleans the pager, its erase sequence, echo artefacts and progress lines', () => {
    const raw = 'line 1\r\nline 2\r\n  ---- More ----\x1b[16D                \x1b[16Dline 3\r\n\rRunning: 33%\rRunning: 100%\r\n<X>';
    expect(cleanText(vrpDialect, raw)).toBe('line 1\nline 2\nline 3\nRunning: 100%\n<X>');
    expect(cleanText(vrpDialect, 'dis \x1b[1Dplay version\r\n')).toBe('display version\n');
    expect(vrpDialect.pager.test('a\r\n  ---- More ----')).toBe(true);
  });
});

describe('RGOS dialect', () => {
  it('learns the name and the mode', () => {
    expect(rgosDialect.learn('\r\nRuijie>')).toEqual({ base: 'Ruijie', line: 'Ruijie>', mode: 'user' });
    expect(rgosDialect.learn('\nagg-1#')).toEqual({ base: 'agg-1', line: 'agg-1#', mode: 'privileged' });
    expect(rgosDialect.learn('\nagg-1(config-if-GigabitEthernet 0/1)#')).toEqual({ base: 'agg-1', line: 'agg-1(config-if-GigabitEthernet 0/1)#', mode: 'config' });
    expect(rgosDialect.learn('######')).toBeUndefined();
  });

  it('recognises the learned name in every mode', () => {
    const re = rgosDialect.promptFor('agg-1');
    for (const p of ['agg-1>', 'agg-1#', 'agg-1(config)#', 'agg-1(config-if-VLAN 10)#', 'agg-1(config-if-range)#', 'agg-1(config-vrf)#']) expect(re.test(`x\n${p}`), p).toBe(true);
    for (const p of ['agg-2#', 'agg-1', 'agg-1#x']) expect(re.test(`x\n${p}`), p).toBe(false);
  });

  it('treats % lines as failures', () => {
    for (const e of ["% Invalid input detected at '^' marker.", '% Incomplete command.', '% Ambiguous command: "sh r"', '% Unknown command.', '% Interface VLAN 10 IPv4 disabled']) {
      expect(rgosDialect.rejection(['   ^', e]), e).toBe(e);
    }
    expect(rgosDialect.rejection(['Building configuration...', '[OK]'])).toBeUndefined();
  });

  it('cleans the --More-- pager and its backspaces', () => {
    expect(cleanText(rgosDialect, 'a\r\n --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bb\r\nX#')).toBe('a\nb\nX#');
    expect(rgosDialect.renames('hostname agg-9')).toBe('agg-9');
  });
});
