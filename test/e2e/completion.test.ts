// Completion scripts, run for real: bash through complete -p and the completion function
// with COMP_WORDS/COMP_CWORD, zsh through its function with compadd and _files recorded,
// fish through `complete -C`. The scripts come from the built netkit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../src/core/dnsname.js';
import { netkit } from '../helpers/cli.js';

const has = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'netkit-completion-'));
// a few files to complete to
for (const f of ['hosts-a.txt', 'hosts-b.txt']) writeFileSync(join(dir, f), '10.0.0.1\n');

function script(shell: string): string {
  const r = netkit(['completion', shell]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  const file = join(dir, `netkit.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe('netkit completion bash', () => {
  const file = script('bash');
  /** COMPREPLY for the words typed so far (the last is the word being completed). */
  function complete(...words: string[]): string[] {
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('bash', ['--norc', '-c', `source ${file}; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _netkit; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it('registers a function for netkit', () => {
    const r = spawnSync('bash', ['--norc', '-c', `source ${file}; complete -p netkit`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -F _netkit netkit');
  });
  it.each([
    // [words, expected COMPREPLY] one row per behaviour
    [['netkit', 'res'], ['resolve']], // a command
    [['netkit', 's'], ['same-net', 'split', 'subnet']],
    [['netkit', 'jwt', ''], ['decode', 'sign', 'verify']], // subcommands
    [['netkit', 'resolve', '-t', 'AA'], ['AAAA']], // record types, after a short option
    [['netkit', 'resolve', 'example.com', '--type', 'NA'], ['NAPTR']], // after a long one
    [['netkit', 'jwt', 'sign', '--alg', 'ES'], ['ES256', 'ES384', 'ES512']], // algorithms
    [['netkit', 'completion', ''], ['bash', 'fish', 'zsh']], // shells
    [['netkit', 'subnet', '--s'], ['--shell']], // options of the command
    [['netkit', 'resolve', '-t', 'A', '--s'], ['--server', '--short', '--system']], // an option's value is skipped
    [['netkit', 'merge', 'hosts-'], ['hosts-a.txt', 'hosts-b.txt']], // files elsewhere
    [['netkit', 'jwt', 'verify', '--key', 'hosts-a'], ['hosts-a.txt']],
    [['netkit', 'grep', '--no-c'], []], // grep does not colour: no --no-color
    [['netkit', 'list', '--limit', ''], []], // a number: no file names offered
    [['netkit', 'grep', '-f', 'hosts-b'], ['hosts-b.txt']], // a <file> value: files
  ])('%j -> %j', (words, expected) => {
    expect(complete(...words)).toEqual(expected);
  });
  it('every command netkit --help lists is offered', () => {
    const listed = [...netkit(['--help']).stdout.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!).sort();
    expect(complete('netkit', '')).toEqual(listed);
  });
});

describe.skipIf(!has('zsh'))('netkit completion zsh', () => {
  const file = script('zsh');
  function complete(...words: string[]): string {
    const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
    // compadd and _files recorded instead of drawn: the driver runs as in a real completion
    const prog = `compadd() { [[ $1 == -- ]] && shift; print -r -- "$*"; }; _files() { print -r -- '<files>'; }; source ${file}; words=(${quoted}); CURRENT=${words.length}; _netkit`;
    const r = spawnSync('zsh', ['-f', '-c', prog], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  }
  it.each([
    [['netkit', 'jwt', ''], 'decode verify sign'],
    [['netkit', 'resolve', '-t', ''], RECORD_TYPES.join(' ')], // the list resolve itself accepts
    [['netkit', 'completion', ''], 'bash zsh fish'],
    [['netkit', 'merge', ''], '<files>'],
  ])('%j -> %s', (words, expected) => {
    expect(complete(...words)).toBe(expected);
  });
});

describe.skipIf(!has('fish'))('netkit completion fish', () => {
  const file = script('fish');
  function complete(line: string): string[] {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C'${line}'`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort();
  }
  it.each([
    ['netkit res', ['resolve']],
    ['netkit jwt ', ['decode', 'sign', 'verify']],
    ['netkit jwt sign --alg ES', ['ES256', 'ES384', 'ES512']],
    ['netkit completion ', ['bash', 'fish', 'zsh']],
    ['netkit merge hosts-', ['hosts-a.txt', 'hosts-b.txt']],
  ])('%s -> %j', (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });
});

describe('bad input', () => {
  it.each([
    [['completion', 'tcsh'], 'netkit: completion: unknown shell "tcsh": choose bash, zsh or fish\n'],
    [['completion'], "netkit: missing required argument 'shell' (see 'netkit completion --help')\n"],
  ])('%j: exit 2, one line', (args, stderr) => {
    const r = netkit(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });
});
