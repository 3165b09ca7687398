// Build: the CLI as one bundled CommonJS file plus a V8 code cache for it (start-up
// is a bar: a shell loop calls netkit thousands of times), and the library as plain
// ES modules with type declarations.
//
// Why CommonJS for the CLI: Node 20 loads a CommonJS file with less machinery than
// an ES module graph, and only CommonJS-style scripts can use a V8 code cache there
// (bin/netkit.js compiles the bundle through vm.Script with the cache, so V8 skips
// parsing). Heavy or rarely used modules stay lazy: netkit's own behind import(),
// tough-cookie outside the bundle, required only when used.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
// First of all, the old code cache goes: a build that fails anywhere after this leaves
// no cache rather than one of another bundle.
rmSync(`${cli}.cache`, { force: true });
mkdirSync(join(root, 'dist'), { recursive: true });

// commander imports node:child_process for executable subcommands, which netkit does
// not use; loading it (with net and dgram behind it) costs milliseconds on every call.
// Give commander an empty stand-in; netkit's own code still gets the real module.
const commanderNoChildProcess = {
  name: 'commander-no-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process-stub', namespace: 'netkit-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'netkit-stub' }, () => ({
      contents: "export default {}; export const spawn = () => { throw new Error('executable subcommands are not supported'); };",
      loader: 'js',
    }));
  },
};

const out = await build({
  absWorkingDir: root,
  plugins: [commanderNoChildProcess],
  entryPoints: ['src/cli/bin.ts'],
  outfile: cli,
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // tough-cookie ships CommonJS: required where used, so it loads only then. jose is
  // ES-module-only, and require() of an ES module needs Node 20.19: it is bundled
  // (inside a lazily initialised module, so it costs nothing until jwt verify/sign).
  external: ['tough-cookie'],
});

// A real import() left in the bundle cannot run under the vm launcher (Node 20 has only
// an experimental hook for it). netkit's own lazy modules become plain functions in the
// bundle; externals must be reached by a static import in a lazily loaded module.
const bundled = out.outputFiles[0].text;
const dynamic = bundled.match(/\bimport\(\s*["'`][^"'`]+["'`]\s*\)/g);
if (dynamic) throw new Error(`dist/cli.cjs keeps dynamic import() of ${[...new Set(dynamic)].join(', ')}: bundle it or import it statically from a lazy module`);

// One non-ASCII character anywhere (esbuild escapes strings, not regular expression
// literals) makes V8 hold the whole bundle as a two-byte string and the launcher decode
// it as UTF-8 on every call: start-up pays for it. Write such characters as \u escapes.
const wide = bundled.match(/[^\x00-\x7f]/);
if (wide) throw new Error(`dist/cli.cjs has a non-ASCII character (${JSON.stringify(bundled.slice(Math.max(0, wide.index - 40), wide.index + 10))}): write it as a \\u escape`);

// The bundle's first line is its build id, a hash of its content: the launcher uses a
// code cache only when the cache's header names the same id (bin/netkit.js says why).
const id = createHash('sha256').update(bundled).digest('hex').slice(0, 32);
writeFileSync(cli, `//netkit-build:${id}\n${bundled}`);

// The code cache: V8's compiled form of the bundle, for bin/netkit.js, written after the
// bundle so that it is never older than it.
execFileSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: 'ignore' });

// The man page, from the same command definitions as --help and the completion scripts.
await (await import('./man.mjs')).buildMan(root);

// The library: tsc emits .js and .d.ts for src/core only (no bundling: consumers bundle),
// into an emptied dist/lib so that a module moved out of the core is not published stale.
rmSync(join(root, 'dist', 'lib'), { recursive: true, force: true });
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', join(root, 'tsconfig.lib.json')], { stdio: 'inherit' });
