// unbound (Debian package) started by a test on loopback, serving a few local names over
// plain DNS, DNS over TLS (tls-port) and DNS over HTTPS (https-port, HTTP/2), with a
// certificate from the test's own CA. It answers only its local data: nothing leaves
// the machine (any other name is refused).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Unbound {
  plainPort: number;
  tlsPort: number;
  httpsPort: number;
  proc: ChildProcess;
  stop(): Promise<void>;
  log(): string;
}

/** A free TCP+UDP port on 127.0.0.1 (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect({ host: '127.0.0.1', port }, () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`unbound did not listen on ${port}`);
}

export async function startUnbound(cert: string, key: string, localData: string[]): Promise<Unbound> {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-unbound-'));
  const [plainPort, tlsPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  const conf = join(dir, 'unbound.conf');
  writeFileSync(
    conf,
    `server:
  directory: "${dir}"
  chroot: ""
  username: ""
  pidfile: ""
  use-syslog: no
  logfile: ""
  verbosity: 1
  do-daemonize: no
  do-ip6: no
  interface: 127.0.0.1@${plainPort}
  interface: 127.0.0.1@${tlsPort}
  interface: 127.0.0.1@${httpsPort}
  port: ${plainPort}
  tls-port: ${tlsPort}
  https-port: ${httpsPort}
  tls-service-key: "${key}"
  tls-service-pem: "${cert}"
  http-endpoint: "/dns-query"
  access-control: 127.0.0.0/8 allow
  module-config: "iterator"
  incoming-num-tcp: 100
  num-threads: 1
  local-zone: "." refuse
  local-zone: "example.test." static
${localData.map((d) => `  local-data: '${d}'`).join('\n')}
remote-control:
  control-enable: no
`,
  );
  const proc = spawn('unbound', ['-d', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  try {
    await Promise.race([
      Promise.all([waitForPort(tlsPort, Date.now() + 10_000), waitForPort(httpsPort, Date.now() + 10_000)]),
      exited.then(() => {
        throw new Error(`unbound exited: ${log}`);
      }),
    ]);
  } catch (e) {
    proc.kill();
    throw e;
  }
  return {
    plainPort,
    tlsPort,
    httpsPort,
    proc,
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.pid) process.kill(proc.pid, 'SIGTERM');
      await exited;
    },
  };
}
