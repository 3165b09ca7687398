// Writes dist/cli.cjs.cache: V8's compiled form of the bundle, taken after one real run
// (a plain `netkit subnet 10.1.2.3/24`), so the functions every call
// needs (commander's parser, the command definitions, the subnet path) are in the
// cache and not compiled again on each start. Run by scripts/build.mjs with stdio
// ignored. It must wrap the source exactly as bin/netkit.js does.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const script = new Script(source, { filename: file });
process.argv = [process.argv[0], join(__dirname, '..', 'bin', 'netkit.js'), 'subnet', '10.1.2.3/24'];
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod, file, join(__dirname, '..', 'dist'));
process.once('beforeExit', () => {
  writeFileSync(`${file}.cache`, script.createCachedData());
});
