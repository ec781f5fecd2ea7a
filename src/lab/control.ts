/**
 * The lab's control API: a small JSON-over-HTTP server on 127.0.0.1 (node:http; the lab is a test
 * tool and needs no framework) to inject faults, take links and devices down and up, set traffic,
 * reboot, and stop the lab. Its routes are CONTROL_ROUTES below (`GET /` answers with them; the
 * README's table lists the same).
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { DcnetError } from '../errors.js';
import type { LabHandle } from './index.js';
import type { DeviceFaults, LinkRef } from './state/index.js';

export interface ControlServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ControlOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Called by POST /stop (after the response is sent). */
  onStop?: () => void;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      data += c;
      if (data.length > 1_000_000) reject(new HttpError(413, 'LAB_BODY_TOO_LARGE', 'request body too large'));
    });
    req.on('end', () => {
      if (data.trim() === '') { resolve({}); return; }
      try {
        const v = JSON.parse(data) as unknown;
        if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
        resolve(v as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'LAB_BAD_JSON', 'the body must be a JSON object'));
      }
    });
    req.on('error', reject);
  });
}

function linkRef(body: Record<string, unknown>): LinkRef {
  if (typeof body.link === 'string') return body.link;
  if (typeof body.device === 'string' && typeof body.port === 'string') return { device: body.device, port: body.port };
  throw new HttpError(400, 'LAB_BAD_REQUEST', 'name the link: {"link": "<id>"} or {"device": ..., "port": ...}');
}

const FAULT_KEYS = new Set(['latencyMs', 'snmpLatencyMs', 'dropAfterCommands', 'rejectCommands', 'dropOnCommands', 'refuseAuth', 'altHostKey', 'snmpSilent', 'down']);

export interface ControlRoute {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  does: string;
}

/** Every route of the control API, as `GET /` lists them. */
export const CONTROL_ROUTES: readonly ControlRoute[] = [
  { method: 'GET', path: '/', does: 'this list of routes' },
  { method: 'GET', path: '/health', does: '{"ok": true} while the lab runs' },
  { method: 'GET', path: '/devices', does: 'the address table: name, platform, model, address, sshPort, snmpPort per device' },
  { method: 'GET', path: '/devices/:name', does: 'one device: its address, up, uptimeMs, faults, configVersion' },
  { method: 'PUT', path: '/devices/:name/faults', does: `merge fault settings, e.g. {"latencyMs": 200} (known: ${[...FAULT_KEYS].join(', ')}); POST does the same` },
  { method: 'DELETE', path: '/devices/:name/faults', does: 'clear every fault of the device' },
  { method: 'POST', path: '/devices/:name/state', does: 'power the device off or on: {"up": false}' },
  { method: 'POST', path: '/devices/:name/reboot', does: 'reboot: sessions drop, unsaved configuration is lost' },
  { method: 'GET', path: '/links', does: 'every link with its ends, state and traffic' },
  { method: 'POST', path: '/links/state', does: 'take a link down or up: {"link": "<id>"} or {"device": ..., "port": ...}, and {"up": false}' },
  { method: 'POST', path: '/links/traffic', does: 'set a link\'s traffic in bit/s: link ref, and "bps", or "aToB"/"bToA", or "out"/"in" (seen from device/port)' },
  { method: 'POST', path: '/stop', does: 'stop the lab (what `dcnet lab down` calls)' },
];

function faultsOf(body: Record<string, unknown>): Partial<DeviceFaults> {
  for (const k of Object.keys(body)) if (!FAULT_KEYS.has(k)) throw new HttpError(400, 'LAB_BAD_FAULT', `unknown fault '${k}' (known: ${[...FAULT_KEYS].join(', ')})`);
  return body as Partial<DeviceFaults>;
}

export function startControlServer(lab: LabHandle, opts: ControlOptions = {}): Promise<ControlServer> {
  const net = lab.network;
  const device = (name: string) => {
    if (!net.devices.has(name)) throw new HttpError(404, 'LAB_UNKNOWN_DEVICE', `no device '${name}' in the lab`);
    return net.device(name);
  };
  const summary = (name: string) => {
    const d = device(name);
    const entry = lab.devices.find((e) => e.name === name);
    return { ...entry, up: d.up, uptimeMs: d.uptimeMs(), faults: d.faults, configVersion: d.configVersion };
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'DELETE' ? {} : await readBody(req);
    const [a, b, c] = parts;
    if (method === 'GET' && a === undefined) return { routes: CONTROL_ROUTES };
    if (method === 'GET' && a === 'health') return { ok: true };
    if (a === 'devices' && b === undefined && method === 'GET') return lab.devices;
    if (a === 'devices' && b !== undefined) {
      if (c === undefined && method === 'GET') return summary(b);
      if (c === 'faults' && (method === 'PUT' || method === 'POST')) { device(b).setFaults(faultsOf(body)); return summary(b); }
      if (c === 'faults' && method === 'DELETE') { device(b).clearFaults(); return summary(b); }
      if (c === 'state' && method === 'POST') {
        if (typeof body.up !== 'boolean') throw new HttpError(400, 'LAB_BAD_REQUEST', 'body: {"up": true|false}');
        device(b);
        net.setDeviceState(b, body.up);
        return summary(b);
      }
      if (c === 'reboot' && method === 'POST') { device(b); net.reboot(b); return summary(b); }
    }
    if (a === 'links' && b === undefined && method === 'GET') {
      return [...net.links.values()].map((l) => ({ id: l.id, a: l.a, b: l.b, up: l.up, active: l.active, traffic: l.traffic }));
    }
    if (a === 'links' && b === 'state' && method === 'POST') {
      if (typeof body.up !== 'boolean') throw new HttpError(400, 'LAB_BAD_REQUEST', 'body: link ref and {"up": true|false}');
      net.setLinkState(linkRef(body), body.up);
      return { ok: true };
    }
    if (a === 'links' && b === 'traffic' && method === 'POST') {
      const bps = body.bps ?? (body.aToB !== undefined ? { aToB: Number(body.aToB), bToA: Number(body.bToA ?? 0) } : body.out !== undefined ? { out: Number(body.out), in: Number(body.in ?? 0) } : undefined);
      if (bps === undefined) throw new HttpError(400, 'LAB_BAD_REQUEST', 'body: link ref and "bps" (or "aToB"/"bToA", or "out"/"in")');
      net.setTraffic(linkRef(body), typeof bps === 'number' || typeof bps === 'object' ? (bps as number) : Number(bps));
      return { ok: true };
    }
    if (a === 'stop' && method === 'POST') {
      res.once('finish', () => setImmediate(() => opts.onStop?.()));
      return { stopping: true };
    }
    throw new HttpError(404, 'LAB_NOT_FOUND', `no route ${method} ${url.pathname} (GET / lists them)`);
  };

  const server: Server = createServer((req, res) => {
    route(req, res).then((value) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    }, (err: unknown) => {
      const status = err instanceof HttpError ? err.status : err instanceof DcnetError ? (/UNKNOWN/.test(err.code) ? 404 : 400) : 500;
      const code = err instanceof HttpError || err instanceof DcnetError ? err.code : 'LAB_INTERNAL';
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: code, message: (err as Error).message }));
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const addr = server.address();
      const port = addr && typeof addr === 'object' ? addr.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
