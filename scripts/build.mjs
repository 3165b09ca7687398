// Build: the CLI as one bundled ESM file with lazily loaded chunks (start-up cost is
// a bar: bundling avoids resolving hundreds of module files), and the library as
// plain compiled modules with type declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// dist/ is not wiped: parallel builds and running tests may share it; stale hashed chunks are harmless.
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

await build({
  plugins: [commanderNoChildProcess],
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (cli-table3) need require() inside an ESM bundle.
  banner: { js: "import { createRequire as __netkitCreateRequire } from 'node:module'; const require = __netkitCreateRequire(import.meta.url);" },
});

// The library: tsc emits .js and .d.ts for src/core only (no bundling: consumers bundle).
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', join(root, 'tsconfig.lib.json')], { stdio: 'inherit' });
