/**
 * What ssh2 itself costs, with nothing of ours on either side: a trivial ssh2 server (accepts any
 * login, answers each line with a prompt) and ssh2 clients in this process doing what a push does
 * on the wire: handshake, password login, shell, then `roundTrips` one-line command/answer
 * exchanges, then close. Returns the CPU (both ends) per connection: the floor under bench/push's
 * per-device CPU.
 */
import ssh2 from 'ssh2';

const { Server, Client, utils } = ssh2;

export interface SshFloor {
  connections: number;
  concurrency: number;
  roundTrips: number;
  cpuMsPerConnection: number;
  wallMs: number;
}

export async function measureSshFloor(o: { connections: number; concurrency: number; roundTrips: number }): Promise<SshFloor> {
  const key = utils.generateKeyPairSync('ed25519');
  const server = new Server({ hostKeys: [key.private] }, (conn) => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx) => ctx.accept());
    conn.on('ready', () => conn.on('session', (accept) => {
      const session = accept();
      session.on('pty', (ok) => ok?.());
      session.on('shell', (ok) => {
        const ch = ok();
        ch.write('<floor>');
        ch.on('data', (d: Buffer) => ch.write(`${d.toString().trimEnd()}\r\nInfo: done.\r\n<floor>`));
      });
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const one = () => new Promise<void>((resolve, reject) => {
    const c = new Client();
    c.on('error', reject);
    c.on('ready', () => c.shell({ term: 'vt100' }, (err, ch) => {
      if (err) return reject(err);
      let buf = '';
      let n = 0;
      ch.on('data', (d: Buffer) => {
        buf += d.toString();
        if (!buf.endsWith('<floor>')) return;
        buf = '';
        if (n++ === o.roundTrips) c.end();
        else ch.write(`description floor-${n}\n`);
      });
      ch.on('close', () => resolve());
    }));
    c.connect({ host: '127.0.0.1', port, username: 'floor', password: 'floor', hostVerifier: () => true });
  });
  for (let i = 0; i < 4; i++) await one(); // warm-up
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next++ < o.connections) await one();
  }));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { ...o, cpuMsPerConnection: (cpu.user + cpu.system) / 1e3 / o.connections, wallMs };
}
