#!/usr/bin/env node
// The installed netkit: runs the compiled bundle dist/cli.cjs (plain JavaScript, never
// a TypeScript loader), compiled through V8's code cache when the cache is right for it.
//
// V8 checks a cache only against the source's LENGTH: a same-length change to the bundle
// with the old cache kept would run the old compiled code. So a cache is used only when
//   - its header names this bundle's build id (the bundle's first line, a hash of its
//     content written by scripts/build.mjs) and size, and this Node (version, arch, flags);
//   - the bundle is not newer than the cache by more than a moment (a hand edit after the
//     build keeps the id line but not the mtime; an installer such as npm writes the two
//     files in either order, milliseconds apart, so a moment's slack is allowed).
// Anything else: no cache, V8 compiles the bundle itself: slower, never wrong.
// NETKIT_CACHE_DEBUG=1 says on stderr which happened.
'use strict';
const { isAscii } = require('node:buffer');
const { closeSync, fstatSync, openSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'cli.cjs');
const cacheFile = `${bundle}.cache`;
const ID_LINE = '//netkit-build:';
/** How much newer than its cache a bundle may be: files written together by an installer. */
const SLACK_MS = 2000;

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

function main() {
  const src = readWithStat(bundle);
  // The build keeps the bundle ASCII (scripts/build.mjs), and ASCII decodes fastest as
  // Latin-1, into the one-byte string V8 compiles best; anything else is UTF-8.
  src.data = isAscii(src.data) ? src.data.toString('latin1') : src.data.toString('utf8');
  const header = cacheHeader(src.data, src.stat.size);
  let cachedData;
  let why = header ? 'absent' : 'not used: the bundle has no build id';
  let cache;
  try {
    if (header) cache = readWithStat(cacheFile);
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
    process.stderr.write(`netkit: code cache ${cachedData && script.cachedDataRejected ? 'rejected by V8' : why}\n`);
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require, mod, bundle, dist);
}

if (require.main === module) main();
else module.exports = { bundle, cacheFile, ID_LINE, SLACK_MS, wrap, cacheHeader };
