#!/usr/bin/env node
// The installed netkit: runs a compiled bundle (plain JavaScript, never a TypeScript
// loader), through V8's code cache when the cache is right for it.
//
// The bundle: a call that names a command runs that command's own bundle,
// dist/commands/NAME.cjs, which holds only its code (a third of the whole or less: less
// to read, to deserialize and to initialise at every start); anything else (help,
// completion, --version, a mistyped command) runs the whole program, dist/cli.cjs.
//
// V8 checks a cache only against the source's LENGTH: a same-length change to the bundle
// with the old cache kept would run the old compiled code. So a cache is used only when
//   - its header names this bundle's build id (the bundle's first line, a hash of its
//     content written by scripts/build.mjs) and size, and this Node (version, arch, flags);
//   - the bundle is not newer than the cache by more than a moment (a hand edit after the
//     build keeps the id line but not the mtime; an installer such as npm writes the two
//     files in either order, milliseconds apart, so a moment's slack is allowed).
// Anything else: no cache, V8 compiles the bundle itself: slower, never wrong.
// NETKIT_CACHE_DEBUG=1 says on stderr which bundle ran and whether its cache was used.
'use strict';
const { isAscii } = require('node:buffer');
const { closeSync, fstatSync, openSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const ID_LINE = '//netkit-build:';
/** How much newer than its cache a bundle may be: files written together by an installer. */
const SLACK_MS = 2000;

/** The bundle file of a target: 'cli' for the whole program, else a command's own. */
function bundleFile(target) {
  return target === 'cli' ? join(dist, 'cli.cjs') : join(dist, 'commands', `${target}.cjs`);
}

/** The text V8 compiles: the bundle as a CommonJS function. The cache is of exactly this text. */
function wrap(code) {
  return `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
}

/** The header a cache must start with to be used for this bundle under this Node; null for a bundle without a build id. */
function cacheHeader(code, size) {
  if (!code.startsWith(ID_LINE)) return null;
  const id = code.slice(ID_LINE.length, code.indexOf('\n'));
  const flags = `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`;
  return `netkit-code-cache ${id} ${size} ${process.version} ${process.arch} ${flags}\n`;
}

/** A file's bytes with its stat, from one open. */
function readWithStat(path) {
  const fd = openSync(path, 'r');
  try {
    return { data: readFileSync(fd), stat: fstatSync(fd) };
  } finally {
    closeSync(fd);
  }
}

/** The bundle for this call and its bytes: the named command's own if it has one, else the whole program. */
function pickBundle(first) {
  if (typeof first === 'string' && /^[a-z][a-z-]*$/.test(first)) {
    const own = bundleFile(first);
    try {
      return { bundle: own, src: readWithStat(own) };
    } catch {
      // not a command with a bundle of its own (help, completion, a typo): the whole program
    }
  }
  const bundle = bundleFile('cli');
  return { bundle, src: readWithStat(bundle) };
}

function main() {
  const { bundle, src } = pickBundle(process.argv[2]);
  // The build keeps the bundle ASCII (scripts/build.mjs), and ASCII decodes fastest as
  // Latin-1, into the one-byte string V8 compiles best; anything else is UTF-8.
  src.data = isAscii(src.data) ? src.data.toString('latin1') : src.data.toString('utf8');
  const header = cacheHeader(src.data, src.stat.size);
  let cachedData;
  let why = header ? 'absent' : 'not used: the bundle has no build id';
  let cache;
  try {
    if (header) cache = readWithStat(`${bundle}.cache`);
  } catch {
    // no cache file
  }
  if (cache && cache.data.toString('latin1', 0, header.length) !== header) why = 'not used: made for another build or Node';
  else if (cache && src.stat.mtimeMs > cache.stat.mtimeMs + SLACK_MS) why = 'not used: the bundle changed after the cache was made';
  else if (cache) {
    cachedData = cache.data.subarray(header.length);
    why = 'used';
  }
  const script = new Script(wrap(src.data), { filename: bundle, cachedData });
  if (process.env.NETKIT_CACHE_DEBUG) {
    const name = bundle.slice(dist.length + 1).replace(/\\/g, '/');
    process.stderr.write(`netkit: ${name}, code cache ${cachedData && script.cachedDataRejected ? 'rejected by V8' : why}\n`);
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require, mod, bundle, dirname(bundle));
}

if (require.main === module) main();
else module.exports = { dist, ID_LINE, SLACK_MS, bundleFile, wrap, cacheHeader };
