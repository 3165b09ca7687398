'use strict';
// require('netkit'). The library is ES modules (dist/lib). Node 20.19 and later can
// require() an ES module that has no top-level await, as this one is: hand it over.
// Where that is not possible (an older Node, or --no-experimental-require-module), say
// what to write instead of Node's ERR_REQUIRE_ESM or ERR_PACKAGE_PATH_NOT_EXPORTED.
try {
  module.exports = require('../dist/lib/index.js');
} catch (err) {
  if (err && (err.code === 'ERR_REQUIRE_ESM' || err.code === 'ERR_REQUIRE_ASYNC_MODULE')) {
    const e = new Error(
      "netkit's library is an ES module: load it with `const netkit = await import('netkit');` " +
        `(require('netkit') needs Node 20.19 or later with require() of ES modules enabled; this is Node ${process.versions.node})`,
    );
    e.code = 'ERR_REQUIRE_ESM';
    throw e;
  }
  throw err;
}
