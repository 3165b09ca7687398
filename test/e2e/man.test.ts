// The man page (built by npm run build from the command definitions and docs prose) and
// `netkit help`: groff finds nothing to warn about, every command is in it, and
// `netkit help COMMAND` is `netkit COMMAND --help`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { netkit, ROOT } from '../helpers/cli.js';

const MAN = join(ROOT, 'dist', 'netkit.1');
const hasGroff = spawnSync('groff', ['--version']).status === 0;

describe('netkit.1', () => {
  const page = readFileSync(MAN, 'utf8');
  it.skipIf(!hasGroff)('groff -man -ww -z reports nothing', () => {
    const r = spawnSync('groff', ['-man', '-ww', '-z', MAN], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
  it('is what package.json installs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // an array: npm's bin-links links only an array of man pages on npm install -g
    expect(pkg.man).toEqual(['./dist/netkit.1']);
  });
  it('has a section for every command and subcommand, with its options', () => {
    const listed = [...netkit(['--help']).stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!);
    const roff = (s: string) => s.replace(/-/g, '\\-');
    for (const c of listed) expect(page).toContain(`.SS "netkit ${roff(c)}`);
    for (const sub of ['jwt decode', 'jwt verify', 'jwt sign', 'cookie parse', 'cookie match']) expect(page).toContain(`.SS "netkit ${sub} `);
    expect(page).toContain('\\fB\\-m\\fR, \\fB\\-\\-mask\\fR \\fImask\\fR');
  });
  it("carries the docs' prose, not only the one-line descriptions", () => {
    // the first paragraph under "### `netkit subnet`" in docs/subnet.md
    expect(page).toMatch(/The network\/host split of an address\./);
  });
  it.skipIf(!hasGroff)('renders as text with every section', () => {
    const r = spawnSync('groff', ['-man', '-Tascii', '-P-cbou', MAN], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const s of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'EXIT STATUS', 'ENVIRONMENT', 'SEE ALSO']) expect(r.stdout).toContain(`\n${s}\n`);
  });
});

describe('netkit help', () => {
  it.each([['subnet'], ['resolve'], ['jwt'], ['jwt', 'decode'], ['cookie', 'match'], ['completion']])('help %s is %s --help', (...words) => {
    const viaHelp = netkit(['help', ...words]);
    const viaFlag = netkit([...words, '--help']);
    expect(viaHelp).toEqual(viaFlag);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/^Usage: netkit /);
  });
  it('help alone is netkit --help', () => {
    expect(netkit(['help'])).toEqual(netkit(['--help']));
  });
  it.each([
    [['help', 'nosuch'], `netkit: help: no command "nosuch" (see 'netkit --help')\n`],
    [['help', 'jwt', 'nosuch'], `netkit: help: no command "nosuch" of 'jwt' (see 'netkit --help')\n`],
  ])('%j: exit 2, one line', (args, stderr) => {
    expect(netkit(args)).toEqual({ code: 2, stdout: '', stderr });
  });
  it('help into a pipe fits 80 columns, examples included', () => {
    for (const c of ['subnet', 'resolve', 'gateway', 'route', 'grep', 'merge', 'split', 'list', 'jwt sign', 'cookie match']) {
      const long = netkit([...c.split(' '), '--help']).stdout.split('\n').filter((l) => l.length > 80);
      expect([c, long]).toEqual([c, []]);
    }
  });
});
