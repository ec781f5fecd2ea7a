import { describe, expect, it } from 'vitest';
import { firewallRule } from '../../../src/intent/rules/index.js';
import { check, codes, dev, references, variant } from './helpers.js';

describe('rule firewall', () => {
  it('finds nothing in the base topology, and no error in the reference topologies', () => {
    expect(check(variant(), [firewallRule])).toEqual([]);
    for (const [name, t] of references()) expect(codes(check(t, [firewallRule]), 'error'), name).toEqual([]);
  });

  it('reports a zone priority used twice, an interface in two zones and a NAT server global address/port published twice', () => {
    const t = variant((t) => {
      const fw = dev(t, 'fw-1').firewall!;
      fw.zones[3]!.priority = 50;
      fw.zones[2]!.interfaces.push('GigabitEthernet1/0/0');
      fw.natServers!.push({ name: 'web-2', protocol: 'tcp', globalAddress: '203.0.113.3', globalPort: 443, insideAddress: '10.200.0.12', insidePort: 443 });
      fw.natServers!.push({ name: 'web-alt', protocol: 'tcp', globalAddress: '203.0.113.3', globalPort: 8443, insideAddress: '10.200.0.12', insidePort: 443 });
    });
    const f = check(t);
    expect(codes(f)).toEqual(['INTENT_FIREWALL_INTERFACE_IN_TWO_ZONES', 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE', 'INTENT_FIREWALL_ZONE_PRIORITY_REUSED']);
    expect(f.map((x) => x.pointer).sort()).toEqual([
      '/devices/6/firewall/natServers/2/globalAddress', '/devices/6/firewall/zones/2/interfaces/1', '/devices/6/firewall/zones/3/priority',
    ]);
    expect(f.find((x) => x.code === 'INTENT_FIREWALL_NAT_GLOBAL_DUPLICATE')!.message)
      .toBe("firewall 'fw-1': NAT servers 'web' and 'web-2' both publish 203.0.113.3 tcp/443; one global address and port can lead to one inside server");
  });
});
