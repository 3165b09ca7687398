// The examples in README.md and docs/*.md are tests: every fenced block with lines
// starting "$ " is a shell session, run in one bash against the BUILT netkit, and each
// command's output (stdout and stderr together) must equal the lines under it, exactly.
// A line "..." in the expected output stands for any number of lines. A block whose
// output depends on this host, the network or the clock is marked on the line before
// it, `<!-- doctest: skip (why) -->`, and reported as skipped, never silently passed.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

export interface Command {
  /** The command as typed, continuation lines joined with newlines. */
  cmd: string;
  /** The lines shown under it, up to the next "$ " line or the end of the block. */
  expected: string[];
}

export interface Example {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The reason given in a skip marker, or null when the block is run. */
  skip: string | null;
  /** Marked `<!-- doctest: terminal -->`: each command runs on a pseudo-terminal 80 columns wide. */
  terminal: boolean;
  /** Marked `<!-- doctest: dns -->`: a name server for the docs' zone (test/docs/dns-server.ts) answers on 127.0.0.1:53. */
  dns: boolean;
  commands: Command[];
}

/** Where each command's expected output starts in its file (0-based line), for DOCTEST_UPDATE. */
const outputAt = new WeakMap<Command, { line: number; indent: number }>();

const MARKER = /^<!--\s*doctest:\s*(.*?)\s*-->$/;

/** The shell sessions in one Markdown text, in order. Throws on a malformed marker. */
export function parseExamples(file: string, text: string): Example[] {
  const lines = text.split('\n');
  const out: Example[] = [];
  let pendingMarker: { reason: string | null; mode: 'terminal' | 'dns' | null; line: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = MARKER.exec(line.trim());
    if (marker) {
      const m = /^skip \((.+)\)$/.exec(marker[1]);
      if (!m && marker[1] !== 'terminal' && marker[1] !== 'dns') {
        throw new Error(`${file}:${i + 1}: doctest marker must be "<!-- doctest: skip (reason) -->", "<!-- doctest: terminal -->" or "<!-- doctest: dns -->"`);
      }
      pendingMarker = { reason: m ? m[1] : null, mode: m ? null : (marker[1] as 'terminal' | 'dns'), line: i + 1 };
      continue;
    }
    const fence = /^(\s*)(`{3,}|~{3,})/.exec(line);
    if (!fence) {
      if (line.trim() !== '' && pendingMarker) {
        throw new Error(`${file}:${pendingMarker.line}: doctest marker not followed by a fenced block`);
      }
      continue;
    }
    const indent = fence[1].length;
    const close = new RegExp(`^\\s*${fence[2][0] === '`' ? '`' : '~'}{${fence[2].length},}\\s*$`);
    const body: string[] = [];
    const start = i + 1;
    for (i++; i < lines.length && !close.test(lines[i]); i++) body.push(lines[i].slice(Math.min(indent, lines[i].length - lines[i].trimStart().length)));
    const commands = sessionOf(body, start, indent);
    if (commands === null) {
      if (pendingMarker) throw new Error(`${file}:${pendingMarker.line}: doctest marker before a block without "$ " lines`);
      continue;
    }
    if (commands.leading.length > 0 && pendingMarker?.reason == null) {
      throw new Error(`${file}:${start}: lines before the first "$ " in a session block: ${JSON.stringify(commands.leading[0])}`);
    }
    out.push({ file, line: start, skip: pendingMarker?.reason ?? null, terminal: pendingMarker?.mode === 'terminal', dns: pendingMarker?.mode === 'dns', commands: commands.commands });
    pendingMarker = null;
  }
  if (pendingMarker) throw new Error(`${file}:${pendingMarker.line}: doctest marker at the end of the file`);
  return out;
}

function sessionOf(body: string[], firstLine: number, indent: number): { commands: Command[]; leading: string[] } | null {
  if (!body.some((l) => l.startsWith('$ '))) return null;
  const commands: Command[] = [];
  const leading: string[] = [];
  for (let j = 0; j < body.length; j++) {
    const l = body[j];
    if (l.startsWith('$ ')) {
      let cmd = l.slice(2);
      // A command continued on the next lines (after a backslash, or inside a loop):
      // those lines carry the shell's secondary prompt "> ", as a terminal shows them.
      while (j + 1 < body.length && body[j + 1].startsWith('> ')) cmd += '\n' + body[++j].slice(2);
      const c: Command = { cmd, expected: [] };
      outputAt.set(c, { line: firstLine + j + 1, indent });
      commands.push(c);
    } else if (commands.length === 0) {
      leading.push(l);
    } else {
      commands[commands.length - 1].expected.push(l);
    }
  }
  // Trailing blank lines separate sessions visually; they are not output.
  for (const c of commands) while (c.expected.length > 0 && c.expected[c.expected.length - 1] === '') c.expected.pop();
  return { commands, leading };
}

/** Does `actual` (lines) match `expected`, where a line "..." matches any number of lines? */
export function matchLines(actual: string[], expected: string[]): boolean {
  const memo = new Map<string, boolean>();
  const go = (a: number, e: number): boolean => {
    const key = `${a},${e}`;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let r: boolean;
    if (e === expected.length) r = a === actual.length;
    else if (expected[e] === '...') r = go(a, e + 1) || (a < actual.length && go(a + 1, e));
    else r = a < actual.length && actual[a] === expected[e] && go(a + 1, e + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

const SEP = '\x1e';

// The examples run in a network namespace of their own where one can be made (root, or
// user namespaces): an example that would ask a name server or reach past this host
// then fails at once instead of sending anything out. Blocks that need the network are
// marked skip; this is the net under that rule.
const ISOLATE: string[] = (() => {
  for (const prefix of [['unshare', '-n'], ['unshare', '-rn']]) {
    if (spawnSync(prefix[0], [...prefix.slice(1), 'true']).status === 0) return prefix;
  }
  return [];
})();

/**
 * One bash script for the whole block: each command's output ends with SEP; `$?` carries
 * over. On a terminal block each command runs under script(1), on a pseudo-terminal
 * 80 columns wide, from a file of its own (`cmdDir`), with NO_COLOR so colour is off.
 */
function scriptOf(ex: Example, cmdDir: string): string {
  const parts = ['__s=0'];
  if (ex.dns) {
    // Inside the block's own network namespace: loopback up, the docs' name server on
    // 127.0.0.1:53, stopped by its PID when the block ends.
    const ready = join(cmdDir, 'dns-ready');
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    parts.push(
      `rm -f ${ready}; ip link set lo up || exit 97`,
      `${tsx} ${join(ROOT, 'test', 'docs', 'dns-server.ts')} > ${ready} 2>&1 & __dns=$!`,
      `trap 'kill $__dns 2>/dev/null; wait $__dns 2>/dev/null' EXIT`,
      `for __i in $(seq 600); do grep -q '^ready$' ${ready} 2>/dev/null && break; kill -0 $__dns 2>/dev/null || break; sleep 0.05; done`,
      `grep -q '^ready$' ${ready} || { cat ${ready} >&2; exit 98; }`,
    );
  }
  ex.commands.forEach((c, k) => {
    let run = c.cmd;
    if (ex.terminal) {
      const file = join(cmdDir, `command-${k}.sh`);
      writeFileSync(file, `stty cols 80 rows 24; (exit $__s)\n${c.cmd}\n`);
      const out = join(cmdDir, 'terminal-output');
      run = `__s=$__s NO_COLOR=1 script -qec 'bash --noprofile --norc ${file}' /dev/null < /dev/null > ${out}; __t=$?; tr -d '\\r' < ${out}; (exit $__t)`;
    }
    parts.push(`(exit $__s); { ${run}\n} 2>&1; __s=$?; printf '\\036'`);
  });
  return parts.join('\n') + '\n';
}

export function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

describe('parseExamples', () => {
  it('splits a session into commands and their output, and reads skip markers', () => {
    const md = [
      'text',
      '```',
      '$ netkit a',
      'out 1',
      '',
      '$ for a in 1 2; do',
      '>   echo $a',
      '> done',
      '1',
      '2',
      '```',
      '<!-- doctest: skip (host-dependent: routes) -->',
      '```console',
      '$ netkit gateway',
      '```',
      '```ts',
      'const x = 1;',
      '```',
    ].join('\n');
    expect(parseExamples('x.md', md)).toEqual([
      { file: 'x.md', line: 2, skip: null, terminal: false, dns: false, commands: [{ cmd: 'netkit a', expected: ['out 1'] }, { cmd: 'for a in 1 2; do\n  echo $a\ndone', expected: ['1', '2'] }] },
      { file: 'x.md', line: 13, skip: 'host-dependent: routes', terminal: false, dns: false, commands: [{ cmd: 'netkit gateway', expected: [] }] },
    ]);
  });

  it.each([
    ['<!-- doctest: skip -->\n```\n$ netkit a\n```', 'must be'],
    ['<!-- doctest: tty -->\n```\n$ netkit a\n```', 'must be'],
    ['<!-- doctest: skip (why) -->\ntext\n', 'not followed by a fenced block'],
    ['<!-- doctest: skip (why) -->\n```\nno session\n```', 'without "$ " lines'],
    ['```\noutput first\n$ netkit a\n```', 'lines before the first'],
  ])('refuses a malformed document: %j', (md, message) => {
    expect(() => parseExamples('x.md', md)).toThrow(message);
  });

  it('"..." stands for any number of lines, nothing else is loose', () => {
    expect(matchLines(['a', 'b', 'c'], ['a', '...', 'c'])).toBe(true);
    expect(matchLines(['a', 'c'], ['a', '...', 'c'])).toBe(true);
    expect(matchLines(['a', 'b', 'c'], ['a', 'c'])).toBe(false);
    expect(matchLines(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(matchLines(['a ', 'b'], ['a', 'b'])).toBe(false);
  });
});

const examples = docFiles().flatMap((f) => parseExamples(f, readFileSync(join(ROOT, f), 'utf8')));

// DOCTEST_UPDATE=1 writes the real output into the documents in place of the drifted
// expected output (blocks using "..." are left for a person to edit), and passes: for
// refreshing the docs after a deliberate change of behaviour. Read the diff before
// committing it: every changed line is a change users will see.
const UPDATE = process.env.DOCTEST_UPDATE === '1';
const updates = new Map<string, { line: number; count: number; lines: string[] }[]>();

describe('the examples in README.md and docs/*.md', () => {
  let bin = '';
  let work = '';
  beforeAll(() => {
    bin = mkdtempSync(join(tmpdir(), 'netkit-doctest-bin-'));
    const shim = join(bin, 'netkit');
    writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
    chmodSync(shim, 0o755);
  });
  afterAll(() => {
    for (const [file, edits] of updates) {
      const path = join(ROOT, file);
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const e of edits.sort((a, b) => b.line - a.line)) lines.splice(e.line, e.count, ...e.lines);
      writeFileSync(path, lines.join('\n'));
      console.warn(`DOCTEST_UPDATE: ${edits.length} output(s) rewritten in ${file}`);
    }
    rmSync(bin, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('has examples in the README and in every command page, and runs most of them', () => {
    const run = examples.filter((e) => e.skip === null);
    expect(run.filter((e) => e.file === 'README.md').length).toBeGreaterThanOrEqual(10);
    for (const page of ['docs/subnet.md', 'docs/bulk.md', 'docs/web.md', 'docs/conventions.md']) {
      expect(run.filter((e) => e.file === page).length, page).toBeGreaterThan(0);
    }
    expect(run.length).toBeGreaterThan(examples.length / 2);
  });

  for (const ex of examples) {
    const name = `${ex.file}:${ex.line}: $ ${ex.commands[0].cmd.split('\n')[0]}`;
    if (ex.skip !== null) {
      it.skip(`${name} (${ex.skip})`, () => {});
      continue;
    }
    const needsNamespace = ex.dns && ISOLATE.length === 0;
    (needsNamespace ? it.skip : it)(needsNamespace ? `${name} (no network namespace for the docs' name server)` : name, () => {
      work = mkdtempSync(join(tmpdir(), 'netkit-doctest-'));
      const env: NodeJS.ProcessEnv = {
        PATH: `${bin}:${dirname(process.execPath)}:/usr/sbin:/usr/bin:/sbin:/bin`,
        HOME: work,
        LC_ALL: 'C.UTF-8',
        TZ: 'UTC',
      };
      const argv = [...ISOLATE, 'bash', '--noprofile', '--norc', '-c', scriptOf(ex, bin)];
      const r = spawnSync(argv[0], argv.slice(1), {
        cwd: work,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      rmSync(work, { recursive: true, force: true });
      work = '';
      expect(r.error, name).toBeUndefined();
      const outputs = r.stdout.split(SEP);
      expect(outputs.length - 1, `${name}: every command of the block ran (stderr: ${r.stderr})`).toBe(ex.commands.length);
      ex.commands.forEach((c, k) => {
        const actual = outputs[k].replace(/\n$/, '').split('\n');
        if (outputs[k] === '') actual.length = 0;
        const where = `${ex.file}, block at line ${ex.line}: $ ${c.cmd}`;
        if (UPDATE && !matchLines(actual, c.expected) && !c.expected.includes('...')) {
          const at = outputAt.get(c)!;
          const pad = ' '.repeat(at.indent);
          const edits = updates.get(ex.file) ?? [];
          edits.push({ line: at.line, count: c.expected.length, lines: actual.map((l) => (l === '' ? l : pad + l)) });
          updates.set(ex.file, edits);
          return;
        }
        if (!matchLines(actual, c.expected)) expect(actual.join('\n'), where).toBe(c.expected.join('\n'));
        // Output that does not end in a newline is a bug worth seeing, not a detail to hide.
        if (outputs[k] !== '') expect(outputs[k].endsWith('\n'), `${where}: output ends with a newline`).toBe(true);
      });
    });
  }
});
