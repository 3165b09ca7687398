// Build: the CLI as bundled CommonJS files, the whole program and one per command, each
// with a V8 code cache (start-up is a bar: a shell loop calls netkit thousands of
// times), and the library as plain ES modules with type declarations.
//
// Why CommonJS for the CLI: Node 20 loads a CommonJS file with less machinery than
// an ES module graph, and only CommonJS-style scripts can use a V8 code cache there
// (bin/netkit.js compiles the bundle through vm.Script with the cache, so V8 skips
// parsing). Heavy or rarely used modules stay lazy: netkit's own behind import(),
// tough-cookie outside the bundle, required only when used.
import { build } from 'esbuild';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { importSource } from './import-source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const cli = join(dist, 'cli.cjs');
const commandsDir = join(dist, 'commands');
// First of all, the old code caches go: a build that fails anywhere after this leaves
// no cache rather than one of another bundle. (cli.cjs.cache, and cli.cjs.HASH.cache
// that calls under other Node flags left; the command bundles go with their caches.)
for (const f of existsSync(dist) ? readdirSync(dist) : []) if (/^cli\.cjs\..*cache$|\.tmp$/.test(f)) rmSync(join(dist, f), { force: true });
rmSync(commandsDir, { recursive: true, force: true });
mkdirSync(commandsDir, { recursive: true });

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

// One bundle per command: a call that names its command (`netkit resolve ...`, nearly
// every call) runs a bundle holding that command alone, so it reads, deserializes and
// initialises only its own code: about 3 ms of each start, a fifth of what netkit adds
// to Node's own start-up. It is main.ts with a commands/index.ts that lists the one
// command; buildProgram registers it as it would in the whole program. The whole
// program (dist/cli.cjs) serves help, completion, --version and anything unknown.
const oneCommand = (name) => ({
  name: 'one-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/index\.js$/ }, (args) =>
      /[\\/]src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: name, namespace: 'netkit-one-command' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'netkit-one-command' }, (args) => ({
      contents: `import { register } from './${args.path}.js';\nexport const COMMANDS = [register];\nexport const COMMAND_NAMES = [${JSON.stringify(args.path)}];\n`,
      loader: 'js',
      resolveDir: join(root, 'src', 'cli', 'commands'),
    }));
  },
});

/** The commands that get a bundle of their own: all but help and completion, which need every definition. */
async function commandNames() {
  const { COMMAND_NAMES } = await importSource(root, "export { COMMAND_NAMES } from './src/cli/commands/index.ts';", 'command-names');
  return COMMAND_NAMES.filter((n) => n !== 'help' && n !== 'completion');
}

/** Bundle the CLI (src/cli/bin.ts) into one CommonJS file, checked, with its build id on the first line. */
async function bundleCli(outfile, plugins) {
  const out = await build({
    absWorkingDir: root,
    plugins: [commanderNoChildProcess, ...plugins],
    entryPoints: ['src/cli/bin.ts'],
    outfile,
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
  const file = outfile.slice(root.length + 1);

  // A real import() left in the bundle cannot run under the vm launcher (Node 20 has only
  // an experimental hook for it). netkit's own lazy modules become plain functions in the
  // bundle; externals must be reached by a static import in a lazily loaded module.
  const bundled = out.outputFiles[0].text;
  const dynamic = bundled.match(/\bimport\(\s*["'`][^"'`]+["'`]\s*\)/g);
  if (dynamic) throw new Error(`${file} keeps dynamic import() of ${[...new Set(dynamic)].join(', ')}: bundle it or import it statically from a lazy module`);

  // One non-ASCII character anywhere (esbuild escapes strings, not regular expression
  // literals) makes V8 hold the whole bundle as a two-byte string and the launcher decode
  // it as UTF-8 on every call: start-up pays for it. Write such characters as \u escapes.
  const wide = bundled.match(/[^\x00-\x7f]/);
  if (wide) throw new Error(`${file} has a non-ASCII character (${JSON.stringify(bundled.slice(Math.max(0, wide.index - 40), wide.index + 10))}): write it as a \\u escape`);

  // The bundle's first line is its build id, a hash of its content: the launcher uses a
  // code cache only when the cache's header names the same id (bin/netkit.js says why).
  const id = createHash('sha256').update(bundled).digest('hex').slice(0, 32);
  writeFileSync(outfile, `//netkit-build:${id}\n${bundled}`);
}

const names = await commandNames();
await Promise.all([bundleCli(cli, []), ...names.map((n) => bundleCli(join(commandsDir, `${n}.cjs`), [oneCommand(n)]))]);

// The code caches: V8's compiled form of each bundle, for bin/netkit.js, written after
// the bundles so that none is older than its bundle. One process per bundle (a cache
// holds what its own process compiled), two at a time.
const pending = ['cli', ...names];
const run = promisify(execFile);
await Promise.all(
  [0, 1].map(async () => {
    for (let target = pending.shift(); target !== undefined; target = pending.shift()) {
      await run(process.execPath, [join(root, 'scripts', 'code-cache.cjs'), target], { maxBuffer: 1 << 20 });
    }
  }),
);

// The man page, from the same command definitions as --help and the completion scripts.
await (await import('./man.mjs')).buildMan(root);

// The library: tsc emits .js and .d.ts for src/core only (no bundling: consumers bundle),
// into an emptied dist/lib so that a module moved out of the core is not published stale.
rmSync(join(root, 'dist', 'lib'), { recursive: true, force: true });
const tsc = join(root, 'node_modules', '.bin', 'tsc');
execFileSync(tsc, ['-p', join(root, 'tsconfig.lib.json')], { stdio: 'inherit' });
