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
// Anything else: no cache, V8 compiles the bundle itself: slower, never wrong. The call
// then leaves a cache for the next one, made from what it compiled, when it can write
// beside the bundle (the build's caches fit only the Node that built them: an install
// from the registry under another Node gets its own after one call). Each set of Node
// flags has a cache file of its own, so that calls under different flags do not take
// turns replacing one.
// NETKIT_CACHE_DEBUG=1 says on stderr which bundle ran and what became of its cache.
'use strict';
const { isAscii } = require('node:buffer');
const { closeSync, fstatSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } = require('node:fs');
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

/** The Node flags this process runs under: a cache is made for one set of them. */
function nodeFlags() {
  return `${process.execArgv.join(' ')}|${process.env.NODE_OPTIONS ?? ''}`;
}

/** The header a cache must start with to be used for this bundle under this Node; null for a bundle without a build id. */
function cacheHeader(code, size) {
  if (!code.startsWith(ID_LINE)) return null;
  const id = code.slice(ID_LINE.length, code.indexOf('\n'));
  return `netkit-code-cache ${id} ${size} ${process.version} ${process.arch} ${nodeFlags()}\n`;
}

/**
 * The cache file of a bundle under this process's flags: NAME.cjs.cache under Node's
 * defaults, NAME.cjs.HASH.cache (a 32-bit FNV-1a hash of the flags) under others.
 */
function cacheFile(bundle) {
  const flags = nodeFlags();
  if (flags === '|') return `${bundle}.cache`;
  let h = 0x811c9dc5;
  for (let i = 0; i < flags.length; i++) h = Math.imul(h ^ flags.charCodeAt(i), 0x01000193);
  return `${bundle}.${(h >>> 0).toString(16).padStart(8, '0')}.cache`;
}

/**
 * Write a fresh cache for the next call: V8's compiled form of what this call ran,
 * under the header that ties it to the bundle and this Node. Through a temporary file
 * and a rename, so that a call starting meanwhile reads the old cache or the new one,
 * never half of one. Returns what happened, for NETKIT_CACHE_DEBUG.
 */
function writeCache(file, header, script) {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd;
  try {
    fd = openSync(tmp, 'wx'); // first, so that a read-only install costs no serialising
  } catch (e) {
    return `not written: ${e.code ?? e.message}`;
  }
  try {
    const data = script.createCachedData();
    writeSync(fd, Buffer.from(header, 'latin1'));
    writeSync(fd, data);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    return 'written';
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // gone already
    }
    return `not written: ${e.code ?? e.message}`;
  }
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
  const file = cacheFile(bundle);
  let cache;
  try {
    if (header) cache = readWithStat(file);
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
  const debug = process.env.NETKIT_CACHE_DEBUG;
  const name = bundle.slice(dist.length + 1).replace(/\\/g, '/');
  if (cachedData && script.cachedDataRejected) why = 'rejected by V8';
  if (debug) process.stderr.write(`netkit: ${name}, code cache ${why}\n`);
  if (header && why !== 'used') {
    // After the call, when all it compiled is there to keep; not after a usage or input
    // error (exit 2), nor after a command's --help: they stop before the work, and a
    // cache of what they ran would leave every later call compiling the rest (resolve:
    // 5 ms a call). (fs.writeSync: at exit, a stream would not get its turn.)
    const forHelp = name !== 'cli.cjs' && process.argv.some((a) => a === '-h' || a === '--help');
    process.once('exit', (code) => {
      let done;
      if (code === 2) done = 'not written: the call ended with a usage or input error';
      else if (forHelp) done = "not written: a call for help runs little of the command's code";
      else done = writeCache(file, header, script);
      if (debug) writeSync(2, `netkit: ${name}, code cache ${done}\n`);
    });
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require, mod, bundle, dirname(bundle));
}

if (require.main === module) main();
else module.exports = { dist, ID_LINE, SLACK_MS, bundleFile, cacheFile, wrap, cacheHeader, writeCache };
