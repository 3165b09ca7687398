// Build dist/netkit.1 from netkit's command definitions and docs/*.md: the generator
// (src/cli/completion/man.ts) is bundled on the fly and run here, so the man page is
// drawn from the same commander tree as --help and the completion scripts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSource } from './import-source.mjs';

export async function buildMan(root) {
  const entry = `
    import { buildProgram, VERSION } from './src/cli/main.ts';
    import { commandSpec } from './src/cli/completion/spec.ts';
    import { manPage } from './src/cli/completion/man.ts';
    export function generate(docs, date) {
      const io = { stdout: null, stderr: null, stdin: null, env: {} };
      return manPage(commandSpec(buildProgram(io, () => {})), { version: VERSION, date, docs });
    }`;
  const { generate } = await importSource(root, entry, 'man-gen');
  const docsDir = join(root, 'docs');
  const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(docsDir, f), 'utf8'));
  // reproducible: SOURCE_DATE_EPOCH when set, else the build day
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
  writeFileSync(join(root, 'dist', 'netkit.1'), generate(docs, date));
}
