import { describe, expect, it } from 'vitest';
import { huaweiUsgRenderer, renderHuaweiUsg, UsgRenderError } from '../../../../src/render/huawei-usg/index.js';
import { topology, usg2205, usg6000 } from './helpers.js';

describe('huawei-usg renderer: whole configuration', () => {
  const topo = topology([usg6000(), usg2205()], {
    policy: [{ name: 'LAN-OUT', from: 'trust', to: 'untrust', action: 'permit' }],
  });

  it('is registered for the huawei-usg platform', () => {
    expect(huaweiUsgRenderer.platform).toBe('huawei-usg');
    expect(huaweiUsgRenderer.render).toBe(renderHuaweiUsg);
  });

  it('prints # sections from sysname to return', () => {
    const text = renderHuaweiUsg({ topology: topo, device: topo.devices[1]! });
    expect(text.startsWith('#\nsysname oldtown-01\n#\n')).toBe(true);
    expect(text.endsWith('#\nreturn\n')).toBe(true);
    expect(text).not.toMatch(/\n#\n#\n/);
    expect(text).not.toMatch(/ $/m);
  });

  it('renders the same model twice to identical text', () => {
    for (const device of topo.devices) {
      expect(renderHuaweiUsg({ topology: topo, device })).toBe(renderHuaweiUsg({ topology: structuredClone(topo), device }));
    }
  });

  it('orders sections per generation: policy interzone before routes, security-policy last', () => {
    const old = renderHuaweiUsg({ topology: topo, device: topo.devices[1]! }).split('\n');
    expect(old.indexOf('firewall zone dmz')).toBeLessThan(old.indexOf('policy interzone trust untrust outbound'));
    expect(old.indexOf('policy interzone trust untrust outbound')).toBeLessThan(old.indexOf('snmp-agent'));
    const ngfw = renderHuaweiUsg({ topology: topo, device: topo.devices[0]! }).split('\n');
    expect(ngfw.indexOf('user-interface vty 0 4')).toBeLessThan(ngfw.indexOf('security-policy'));
    expect(ngfw.slice(-3)).toEqual(['#', 'return', '']);
  });

  it('refuses a device whose model is not a USG in the catalogue', () => {
    const bad = usg6000({ model: 'S9312' });
    expect(() => renderHuaweiUsg({ topology: topology([bad]), device: bad })).toThrow(UsgRenderError);
    try {
      renderHuaweiUsg({ topology: topology([bad]), device: bad });
    } catch (err) {
      expect((err as UsgRenderError).code).toBe('RENDER_USG_UNKNOWN_MODEL');
    }
  });

  it('never prints a secret, only tokens', () => {
    const text = renderHuaweiUsg({ topology: topo, device: topo.devices[0]! });
    expect(text).toContain('{{secret:env:DCNET_OPS_PASSWORD}}');
    expect(text).toContain('{{secret:env:DCNET_SNMP_COMMUNITY}}');
  });
});
