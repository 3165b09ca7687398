// Writes the code cache of one CLI bundle: V8's compiled form of it, taken after real
// runs of that bundle, so that the functions a call needs (commander's parser, the
// command's definition and its path) are in the cache and not compiled again on each
// start. Run by scripts/build.mjs, once per bundle, each in its own process (a cache
// holds what its process compiled):
//
//   node scripts/code-cache.cjs cli        dist/cli.cjs.cache (help, completion, --version)
//   node scripts/code-cache.cjs resolve    dist/commands/resolve.cjs.cache
//
// (Under Node flags other than the defaults, the file is the one bin/netkit.js looks for
// under those flags: cacheFile there.)
//
// Each run executes the bundle afresh through the same vm.Script, whose compiled
// functions are shared. The wrapper and the header that ties the cache to its bundle
// and to this Node come from bin/netkit.js, which checks them. Nothing leaves the
// machine: resolve asks a throwaway responder on loopback, route looks up loopback.
'use strict';
const { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');
const { bundleFile, cacheFile, wrap, cacheHeader } = require('../bin/netkit.js');

const dir = mkdtempSync(join(tmpdir(), 'netkit-cache-'));
const list = join(dir, 'list.txt');
const other = join(dir, 'other.txt');
writeFileSync(list, '10.1.2.3\n192.0.2.0/24\n10.9.0.0-10.9.0.255\n2001:db8::1\n');
writeFileSync(other, '10.1.2.0/24\n2001:db8::/64\n');
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYWNoZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.' +
  'bm90LWEtcmVhbC1zaWduYXR1cmUtZm9yLWNhY2hlLXdhcm11cA';

/** The calls that warm each bundle, as a user would make them; SERVER stands for the responder below. */
const WARM_UP = {
  cli: [['--help'], ['completion', 'bash']],
  subnet: [['subnet', '10.1.2.3/24'], ['subnet', '2001:db8::1/64']],
  'same-net': [['same-net', '10.0.0.1', '10.0.0.2/24']],
  resolve: [
    ['resolve', 'cache.invalid', '--server', 'SERVER'],
    ['resolve', 'cache.invalid', '-t', 'A', '--short', '--server', 'SERVER'],
  ],
  gateway: [['gateway']],
  interfaces: [['interfaces']],
  route: [['route', '127.0.0.1']],
  grep: [['grep', '10.0.0.0/8', list]],
  merge: [['merge', list]],
  exclude: [['exclude', other, '--from', list]],
  intersect: [['intersect', list, other]],
  compare: [['compare', list, other]],
  split: [['split', '192.168.1.0/24', '--prefix', '26']],
  list: [['list', '192.0.2.0/29']],
  jwt: [['jwt', 'decode', TOKEN]],
  cookie: [['cookie', 'parse', 'id=1; Path=/; Secure; HttpOnly; SameSite=Lax']],
};

const target = process.argv[2];
const runs = WARM_UP[target];
if (!runs) throw new Error(`no warm-up runs for ${JSON.stringify(target)}: add the bundle to WARM_UP in scripts/code-cache.cjs`);
const bundle = bundleFile(target);
const code = readFileSync(bundle, 'utf8');
const header = cacheHeader(code, statSync(bundle).size);
if (header === null) throw new Error(`${bundle} has no build id line: build it with scripts/build.mjs`);
const script = new Script(wrap(code), { filename: bundle });
const run = script.runInThisContext();

// resolve's query path: a throwaway UDP responder on loopback answers every A and AAAA
// question with one address from the documentation ranges (192.0.2.1, 2001:db8::1),
// anything else with no records, in a well-formed reply to that very question.
const dgram = require('node:dgram');
const responder = dgram.createSocket('udp4');
responder.on('message', (msg, rinfo) => {
  let end = 12; // the question's name ends at its root label
  while (end < msg.length && msg[end] !== 0) end += msg[end] + 1;
  end += 5; // root label, type, class
  const type = msg.readUInt16BE(end - 4);
  const data = type === 1 ? [192, 0, 2, 1] : type === 28 ? [0x20, 0x01, 0x0d, 0xb8, ...Array(11).fill(0), 1] : null;
  const header = Buffer.from(msg.subarray(0, 12));
  header[2] = 0x85; // QR, AA, RD
  header[3] = 0x80; // RA, NOERROR
  header.writeUInt16BE(data ? 1 : 0, 6); // one answer or none
  header.writeUInt16BE(0, 8);
  header.writeUInt16BE(0, 10); // no authority, no additional (no EDNS)
  const answer = data ? Buffer.from([0xc0, 12, 0, type, 0, 1, 0, 0, 0x0e, 0x10, 0, data.length, ...data]) : Buffer.alloc(0);
  responder.send(Buffer.concat([header, msg.subarray(12, end), answer]), rinfo.port, rinfo.address);
});
responder.unref(); // it must not keep the loop alive: each run ends at beforeExit

function next() {
  const server = `127.0.0.1:${responder.address().port}`;
  const args = runs.shift()?.map((a) => (a === 'SERVER' ? server : a));
  if (process.env.NETKIT_CACHE_DEBUG) process.stderr.write(`code-cache: ${target}: next ${JSON.stringify(args)}\n`);
  if (!args) {
    responder.close();
    process.exitCode = 0; // a run's "no" (compare's difference, gateway without a route) is not the build's
    writeFileSync(cacheFile(bundle), Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  process.argv = [process.argv[0], join(__dirname, '..', 'bin', 'netkit.js'), ...args];
  const mod = { exports: {} };
  run(mod.exports, require, mod, bundle, dirname(bundle));
  // The next run starts when this one has nothing left to do. (A run that did all its
  // work synchronously schedules nothing, and then Node would not emit beforeExit
  // again: the empty timer keeps one more turn of the loop.)
  process.once('beforeExit', next);
  setImmediate(() => {});
}
responder.bind(0, '127.0.0.1', next);
