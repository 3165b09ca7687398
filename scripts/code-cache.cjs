// Writes dist/cli.cjs.cache: V8's compiled form of the bundle, taken after real runs of
// the commands shell loops call most (subnet, and grep/merge over a small file), so the
// functions every call needs (commander's parser, the command definitions, those
// commands' paths) are in the cache and not compiled again on each start. Each run
// executes the bundle afresh through the same vm.Script, whose compiled functions are
// shared. Run by scripts/build.mjs with stdio ignored. The wrapper and the header that
// ties the cache to this bundle and this Node come from bin/netkit.js, which checks them.
'use strict';
const { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Script } = require('node:vm');
const { bundle, cacheFile, wrap, cacheHeader } = require('../bin/netkit.js');

const code = readFileSync(bundle, 'utf8');
const header = cacheHeader(code, statSync(bundle).size);
if (header === null) throw new Error(`${bundle} has no build id line: build it with scripts/build.mjs`);
const script = new Script(wrap(code), { filename: bundle });
const run = script.runInThisContext();

const dir = mkdtempSync(join(tmpdir(), 'netkit-cache-'));
const list = join(dir, 'list.txt');
writeFileSync(list, '10.1.2.3\n192.0.2.0/24\n10.9.0.0-10.9.0.255\n2001:db8::1\n');
// resolve's query path too: a throwaway UDP responder on loopback answers each query with
// itself turned into an NXDOMAIN reply (QR set, rcode 3), which is a well-formed answer to
// that very question. Nothing leaves the machine.
const dgram = require('node:dgram');
const responder = dgram.createSocket('udp4');
responder.on('message', (msg, rinfo) => {
  const reply = Buffer.from(msg);
  reply[2] |= 0x80;
  reply[3] = (reply[3] & 0xf0) | 3;
  responder.send(reply, rinfo.port, rinfo.address);
});
responder.unref(); // it must not keep the loop alive: each run ends at beforeExit
const runs = [
  ['subnet', '10.1.2.3/24'],
  ['grep', '10.0.0.0/8', list],
  ['merge', list],
  'resolve',
];

function next() {
  let args = runs.shift();
  if (args === 'resolve') {
    const { port } = responder.address();
    args = ['resolve', 'cache.invalid', '-t', 'A', '--short', '--timeout', '2000', '--server', `127.0.0.1:${port}`];
  }
  if (process.env.NETKIT_CACHE_DEBUG) process.stderr.write(`code-cache: next ${JSON.stringify(args)}\n`);
  if (!args) {
    responder.close();
    process.exitCode = 0; // resolve's NXDOMAIN set 1
    writeFileSync(cacheFile, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  process.argv = [process.argv[0], join(__dirname, '..', 'bin', 'netkit.js'), ...args];
  const mod = { exports: {} };
  run(mod.exports, require, mod, bundle, join(__dirname, '..', 'dist'));
  // The next run starts when this one has nothing left to do. (A run that did all its
  // work synchronously schedules nothing, and then Node would not emit beforeExit
  // again: the empty timer keeps one more turn of the loop.)
  process.once('beforeExit', next);
  setImmediate(() => {});
}
responder.bind(0, '127.0.0.1', next);
