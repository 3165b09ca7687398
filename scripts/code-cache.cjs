// Writes dist/cli.cjs.cache: V8's compiled form of the bundle, taken after real runs of
// the commands shell loops call most (subnet, and grep/merge over a small file), so the
// functions every call needs (commander's parser, the command definitions, those
// commands' paths) are in the cache and not compiled again on each start. Each run
// executes the bundle afresh through the same vm.Script, whose compiled functions are
// shared. Run by scripts/build.mjs with stdio ignored. It must wrap the source exactly
// as bin/netkit.js does.
'use strict';
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const script = new Script(source, { filename: file });
const run = script.runInThisContext();

const dir = mkdtempSync(join(tmpdir(), 'netkit-cache-'));
const list = join(dir, 'list.txt');
writeFileSync(list, '10.1.2.3\n192.0.2.0/24\n10.9.0.0-10.9.0.255\n2001:db8::1\n');
const runs = [
  ['subnet', '10.1.2.3/24'],
  ['grep', '10.0.0.0/8', list],
  ['merge', list],
];

function next() {
  const args = runs.shift();
  if (process.env.NETKIT_CACHE_DEBUG) process.stderr.write(`code-cache: next ${JSON.stringify(args)}\n`);
  if (!args) {
    writeFileSync(`${file}.cache`, script.createCachedData());
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  process.argv = [process.argv[0], join(__dirname, '..', 'bin', 'netkit.js'), ...args];
  const mod = { exports: {} };
  run(mod.exports, require, mod, file, join(__dirname, '..', 'dist'));
  // The next run starts when this one has nothing left to do. (A run that did all its
  // work synchronously schedules nothing, and then Node would not emit beforeExit
  // again: the empty timer keeps one more turn of the loop.)
  process.once('beforeExit', next);
  setImmediate(() => {});
}
next();
