// Run inside a fresh network + mount namespace (see test/e2e/resolve-system.test.ts):
// serve the test zone on 127.0.0.1:53, run the built netkit with the given arguments,
// and print one JSON object {stdout, stderr, code, received} for the test to check.
// Only ever started under `unshare -n -m`, where loopback is the only network there is.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFakeDns } from './server.js';
import { TEST_ZONE } from './zone.js';

const BIN = fileURLToPath(new URL('../../bin/netkit.js', import.meta.url));
const args = process.argv.slice(2);

// NS_RUN_DELAY_MS: every answer held that long (a slow resolver).
const dns = await startFakeDns({ zone: TEST_ZONE, host: '127.0.0.1', port: 53, delayMs: Number(process.env.NS_RUN_DELAY_MS ?? 0) });
const result = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.on('close', (code) => {
    clearTimeout(timer);
    resolve({ stdout, stderr, code });
  });
});
await dns.close();
process.stdout.write(JSON.stringify({ ...result, received: dns.received }) + '\n');
