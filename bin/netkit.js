#!/usr/bin/env node
// The installed netkit runs the compiled, bundled CLI: plain JavaScript, no TypeScript
// loader, so a shell loop pays only Node's own start-up.
import '../dist/cli.js';
