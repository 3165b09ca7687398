// Build: the CLI as one bundled ESM file with lazily loaded chunks (start-up cost is
// a bar: bundling avoids resolving hundreds of module files), and the library as
// plain compiled modules with type declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (cli-table3) need require() inside an ESM bundle.
  banner: { js: "import { createRequire as __netkitCreateRequire } from 'node:module'; const require = __netkitCreateRequire(import.meta.url);" },
});

// The library: tsc emits .js and .d.ts for src/core only (no bundling: consumers bundle).
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', join(root, 'tsconfig.lib.json')], { stdio: 'inherit' });
