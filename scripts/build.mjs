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
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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

const cli = join(root, 'dist', 'cli.cjs');
await build({
  absWorkingDir: root,
  plugins: [commanderNoChildProcess],
  entryPoints: ['src/cli/bin.ts'],
  outfile: cli,
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
const bundled = readFileSync(cli, 'utf8');
const dynamic = bundled.match(/\bimport\(\s*["'`][^"'`]+["'`]\s*\)/g);
if (dynamic) throw new Error(`dist/cli.cjs keeps dynamic import() of ${[...new Set(dynamic)].join(', ')}: bundle it or import it statically from a lazy module`);

// The code cache: V8's compiled form of the bundle, for bin/netkit.js. It must wrap
// the source exactly as the launcher does. A cache from another Node version is
// rejected by V8 and the bundle is compiled as usual: slower, never wrong.
rmSync(`${cli}.cache`, { force: true });
execFileSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: 'ignore' });
// Files of the earlier ESM layout, if any: gone, so nothing stale is run by mistake.
for (const old of ['cli.js', 'chunks']) rmSync(join(root, 'dist', old), { recursive: true, force: true });

// The man page, from the same command definitions as --help and the completion scripts.
await (await import('./man.mjs')).buildMan(root);

// The library: tsc emits .js and .d.ts for src/core only (no bundling: consumers bundle).
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', join(root, 'tsconfig.lib.json')], { stdio: 'inherit' });
