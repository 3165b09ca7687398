// Bundle a few lines of netkit's TypeScript on the fly and import them: the build reads
// facts from the source (the command names, the commander tree the man page is drawn
// from) without a TypeScript loader. The bundle is written inside dist/, so that its
// imports of commander and the other packages resolve from the package, and is removed
// once imported.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Import `contents` (TypeScript, paths relative to the package root) as an ES module. */
export async function importSource(root, contents, name) {
  const out = join(root, 'dist', `.${name}.mjs`);
  await build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: 'ts' },
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: ['tough-cookie', 'jose', 'commander', 'chalk'],
  });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(out, { force: true });
  }
}
