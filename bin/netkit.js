#!/usr/bin/env node
// The installed netkit: runs the compiled bundle dist/cli.cjs (plain JavaScript, never
// a TypeScript loader), compiled through V8's code cache when it matches this Node.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli.cjs');
let cachedData;
try {
  cachedData = readFileSync(`${file}.cache`);
} catch {
  // no cache: V8 compiles the bundle itself
}
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
const mod = { exports: {} };
new Script(source, { filename: file, cachedData }).runInThisContext()(mod.exports, require, mod, file, join(__dirname, '..', 'dist'));
