/**
 * Configuration typed in a configuration view is published once per burst of editing (when the
 * session leaves configuration, pauses, or anything reads the lab's state), never observed stale.
 */
import { describe, expect, it } from 'vitest';
import { COMMIT_IDLE_MS } from '../../../src/lab/cli/engine.js';
import { TOPOLOGIES, Terminal, makeLab } from './helpers.js';

const A = { device: 'wan-agg-1', port: 'XGigabitEthernet2/0/0' };
const B = { device: 'core-1', port: 'XGigabitEthernet3/0/1' };

function lab() {
  const l = makeLab(TOPOLOGIES.provincial, { configured: true, devices: [A.device, B.device] });
  return { ...l, a: l.net.device(A.device), b: l.net.device(B.device) };
}

describe('held configuration changes', () => {
  it('publishes a burst of configuration once, when the session returns to the user view', async () => {
    const { a, cli } = lab();
    const t = new Terminal(cli(A.device));
    await t.start();
    const v0 = a.configVersion;
    const changes: number[] = [];
    a.on('change', (e) => changes.push(e.configVersion));
    await t.type('system-view');
    for (let i = 0; i < 4; i++) {
      await t.type(`interface XGigabitEthernet2/0/${i}`);
      await t.type(`description burst-${i}`);
      await t.type('quit');
    }
    expect(changes).toEqual([]); // nothing read the state, the session is still configuring
    await t.type('return');
    expect(changes).toHaveLength(1);
    expect(a.configVersion).toBe(v0 + 1);
    for (let i = 0; i < 4; i++) expect(a.status(`XGigabitEthernet2/0/${i}`).description).toBe(`burst-${i}`);
  });

  it('shows a held shutdown to any reader at once: this port, the far end, the link, the running text', async () => {
    const { a, b, net, cli } = lab();
    const t = new Terminal(cli(A.device));
    await t.start();
    expect(b.operUp(B.port)).toBe(true);
    await t.type('system-view');
    await t.type(`interface ${A.port}`);
    await t.type('shutdown');
    // Still in the interface view: the change is held, and every read sees it.
    expect(b.status(B.port).operUp).toBe(false); // the far end's state settles its neighbours
    expect(a.adminUp(A.port)).toBe(false);
    expect(net.link(A).active).toBe(false);
    expect(a.running).toMatch(new RegExp(`interface ${A.port.replace(/\//g, '\\/')}\\n(?: .*\\n)*? shutdown\\n`));
    await t.type('undo shutdown');
    expect(a.operUp(A.port)).toBe(true);
    expect(b.operUp(B.port)).toBe(true);
  });

  it('publishes on its own once input pauses, with the events a subscriber waits for', async () => {
    const { a, cli } = lab();
    const t = new Terminal(cli(A.device));
    await t.start();
    const events: string[] = [];
    a.on('oper', (e) => events.push(`${e.interface} ${e.up ? 'up' : 'down'}`));
    await t.type('system-view');
    await t.type(`interface ${A.port}`);
    await t.type('shutdown');
    expect(events).toEqual([]);
    await new Promise((r) => setTimeout(r, COMMIT_IDLE_MS * 3));
    expect(events).toContain(`${A.port} down`);
  });

  it('applies a change held by the CLI before an SNMP SET that comes after it', async () => {
    const { a, cli } = lab();
    const t = new Terminal(cli(A.device));
    await t.start();
    await t.type('system-view');
    await t.type(`interface ${A.port}`);
    await t.type('description typed-first');
    await t.type('shutdown');
    const events: string[] = [];
    a.on('oper', (e) => events.push(`${e.interface} ${e.up ? 'up' : 'down'}`));
    a.setAdminStatus(A.port, true, 'snmp'); // ifAdminStatus up(1), after the CLI's shutdown
    expect(a.adminUp(A.port)).toBe(true);
    expect(a.status(A.port).description).toBe('typed-first');
    expect(events).toEqual([`${A.port} down`, `${A.port} up`]);
    const section = a.running.slice(a.running.indexOf(`interface ${A.port}\n`)).split('\n#')[0]!;
    expect(section).toContain('\n description typed-first\n');
    expect(section).not.toMatch(/\n shutdown\n/);
  });

  it('loses a held change at a reboot, as an unsaved one', async () => {
    const { a, net, cli } = lab();
    const t = new Terminal(cli(A.device));
    await t.start();
    await t.type('system-view');
    await t.type('sysname held-name');
    net.reboot(A.device);
    expect(a.sysName).toBe(A.device);
    expect(a.running).not.toContain('held-name');
  });
});
