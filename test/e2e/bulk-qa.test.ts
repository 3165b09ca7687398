// End-to-end regressions found by trying the bulk tools as a demanding user would
// (QA pass against grepcidr, iprange, ipcalc-ng and Python's ipaddress).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../src/core/prefix.js';
import { splitIntoCount } from '../../src/core/planning.js';
import { splitRecord } from '../../src/core/split-report.js';
import { BIN, jsonLines, netkit } from '../helpers/cli.js';

describe('split --count at scale', () => {
  it('honours --limit, as --prefix does (was: always 65536, "pass --all")', () => {
    const r = netkit(['split', '10.0.0.0/8', '--count', '70000', '--limit', '100000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(70001);
    expect(lines[0]).toBe('10.0.0.0/25');
    expect(lines[69999]).toBe('10.136.183.128/25');
    const refused = netkit(['split', '10.0.0.0/24', '--count', '3', '--limit', '2']);
    expect(refused).toMatchObject({ stdout: '', code: 2 });
    expect(refused.stderr).toBe('netkit: --count 3 is more than --limit 2 subnets: raise --limit or pass --all\n');
  });

  it('streams many subnets instead of building them all (was: out of memory, a V8 stack trace)', () => {
    // 3 million /54s of an IPv6 /32: a plan of objects took gigabytes; the stream is constant memory
    // (a small heap makes the old way fail fast instead of after a minute of swapping)
    const r = netkit(['split', '2001:db8::/32', '--count', '3000000', '--all'], {
      timeoutMs: 60_000,
      env: { NODE_OPTIONS: '--max-old-space-size=160' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(3_000_001);
    expect(lines[2_999_999]).toBe('2001:db8:b71a:fc00::/54');
  });

  it('--json of a streamed --count split is the same object the plan gives', () => {
    const r = netkit(['split', '10.0.0.0/16', '--count', '5000', '--json']);
    expect(r.code).toBe(0);
    const want = splitRecord(splitIntoCount(parseNetwork('10.0.0.0/16'), 5000), 'count');
    expect(jsonLines(r.stdout)).toEqual([want]);
    expect(want.free.length).toBeGreaterThan(0); // a real test: the free part is there
  });
});

describe('grep on a live input', () => {
  it('prints a matching line while the input stays open (tail -f log | netkit grep ...)', async () => {
    // was: nothing until half a megabyte of input had come, or the input ended
    const child = spawn(process.execPath, [BIN, 'grep', '10.0.0.0/8'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const firstOutput = new Promise<string>((resolve) => {
      child.stdout.on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('\n')) resolve('output');
      });
    });
    child.stdin.write('x 192.0.2.1 no\nsshd: from 10.1.2.3 port 22\n');
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 4000));
    const first = await Promise.race([firstOutput, timeout]);
    const seenBeforeEnd = stdout; // what came while stdin was still open
    child.stdin.end('later 10.9.9.9\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toBe('output');
    expect(seenBeforeEnd).toBe('sshd: from 10.1.2.3 port 22\n');
    expect(stdout).toBe('sshd: from 10.1.2.3 port 22\nlater 10.9.9.9\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 15_000);
});

describe('files saved with a byte order mark', () => {
  it('merge, exclude and grep -f skip a UTF-8 BOM before the first line (was: line 1 refused)', () => {
    const bom = '\ufeff';
    const text = `${bom}10.0.0.0/24\r\n10.0.1.0/24\r\n`;
    const dir = mkdtempSync(join(tmpdir(), 'netkit-bom-'));
    const f = join(dir, 'allow.txt');
    writeFileSync(f, text);
    expect(netkit(['merge', f])).toMatchObject({ stdout: '10.0.0.0/23\n', stderr: '', code: 0 });
    expect(netkit(['merge'], { input: text })).toMatchObject({ stdout: '10.0.0.0/23\n', stderr: '', code: 0 });
    expect(netkit(['exclude', f, '--from', '10.0.0.0/22'])).toMatchObject({ stdout: '10.0.2.0/23\n', stderr: '', code: 0 });
    expect(netkit(['grep', '-f', f], { input: 'a 10.0.0.9\nb 10.0.2.1\n' })).toMatchObject({ stdout: 'a 10.0.0.9\n', stderr: '', code: 0 });
    // only before the first line: elsewhere it is still a bad line
    const mid = netkit(['merge'], { input: `10.0.0.0/24\n${bom}10.0.1.0/24\n` });
    expect(mid.code).toBe(2);
    expect(mid.stderr).toContain('stdin:2:');
  });
});

describe('an argument meant as an entry gets the reason it is refused', () => {
  it.each([
    ['fe80::1%eth0', 'netkit: invalid IP address "fe80::1%eth0": a zone (%) is not allowed in an address set\n'],
    ['fe80::1%eth0/64', 'netkit: invalid network "fe80::1%eth0/64": a zone (%) is not allowed in a prefix\n'],
    ['\uff11.2.3.4', 'fullwidth digit'],
    ['2001:db8::g', 'invalid IPv6 address "2001:db8::g"'],
  ])('merge %j (was: "no such file")', (arg, message) => {
    const r = netkit(['merge', arg]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('no such file');
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
  it('a name that is no entry is still "no such file"', () => {
    const r = netkit(['exclude', 'blocks.txt', '--from', '0.0.0.0/0']);
    expect(r).toMatchObject({ stdout: '', code: 2, stderr: 'netkit: blocks.txt: no such file (nor an address, network or range)\n' });
  });
});

describe('list', () => {
  it('the guard over several inputs speaks of them in the plural (was: "these 2 inputs has")', () => {
    const r = netkit(['list', '10.0.0.0/16', '10.1.0.0/16']);
    expect(r).toMatchObject({
      stdout: '',
      code: 2,
      stderr: 'netkit: these 2 inputs have 131072 addresses, more than --limit 65536: raise --limit or pass --all\n',
    });
  });
});

describe('grep: stdin is read once', () => {
  it('-f - with nothing to search is a usage error (was: silently exit 1, stdin already consumed)', () => {
    const r = netkit(['grep', '-f', '-'], { input: '10.0.0.0/8\n' });
    expect(r).toMatchObject({ stdout: '', code: 2, stderr: "netkit: grep: '-f -' reads the networks from stdin: name the files to search\n" });
    const twice = netkit(['grep', '10.0.0.0/8', '-', '-'], { input: 'a 10.1.1.1\n' });
    expect(twice).toMatchObject({ stdout: '', code: 2, stderr: "netkit: grep: '-' (stdin) can be given only once\n" });
  });
  it('-f - with files to search still works', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-grepf-'));
    const log = join(dir, 'a.log');
    writeFileSync(log, 'x 10.1.2.3\ny 192.0.2.1\n');
    expect(netkit(['grep', '-f', '-', log], { input: '10.0.0.0/8\n' })).toMatchObject({ stdout: 'x 10.1.2.3\n', stderr: '', code: 0 });
  });
});

describe('set arguments that are not regular files', () => {
  it('merge reads a process substitution or named pipe (was: "/dev/fd/63: no such file")', () => {
    const out = execFileSync('bash', ['-c', `node ${JSON.stringify(BIN)} merge <(printf '10.0.0.0/24\\n10.0.1.0/24\\n'); echo "exit $?"`], {
      encoding: 'utf8',
    });
    expect(out).toBe('10.0.0.0/23\nexit 0\n');
    const ex = execFileSync('bash', ['-c', `node ${JSON.stringify(BIN)} exclude <(echo 10.0.0.0/25) --from <(echo 10.0.0.0/24) 2>&1; echo "exit $?"`], {
      encoding: 'utf8',
    });
    expect(ex).toBe('10.0.0.128/25\nexit 0\n');
  });
  it('a directory is "is a directory", not "no such file"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-dir-'));
    const r = netkit(['merge', dir]);
    expect(r).toMatchObject({ stdout: '', code: 2, stderr: `netkit: ${dir}: is a directory\n` });
  });
  it('a set that cannot be read ends the run with nothing printed (exclude must not print everything)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-unread-'));
    const ex = netkit(['exclude', dir, '--from', '0.0.0.0/0']);
    expect(ex).toMatchObject({ stdout: '', code: 2, stderr: `netkit: ${dir}: is a directory\n` });
    const m = netkit(['merge', dir, '10.0.0.0/24']);
    expect(m).toMatchObject({ stdout: '', code: 2, stderr: `netkit: ${dir}: is a directory\n` });
    const g = netkit(['grep', '-f', join(dir, 'missing.txt'), '-e', '10.0.0.0/8'], { input: 'a 10.0.0.1\n' });
    expect(g).toMatchObject({ stdout: '', code: 2, stderr: `netkit: ${join(dir, 'missing.txt')}: no such file\n` });
  });
});

describe('grep: networks in a file without -f', () => {
  it('says to use -f rather than "invalid IPv4 address"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-nof-'));
    const nets = join(dir, 'nets.txt');
    writeFileSync(nets, '10.0.0.0/8\n');
    const r = netkit(['grep', nets], { input: 'a 10.0.0.1\n' });
    expect(r).toMatchObject({ stdout: '', code: 2, stderr: `netkit: grep: ${nets} is a file, not networks: read networks from it with -f ${nets}\n` });
  });
});

describe('exclude never prints a result wider than asked', () => {
  it('a bad line in the set to take out: nothing on stdout, the line named, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-exclude-'));
    const remove = join(dir, 'lan.txt');
    writeFileSync(remove, '192.168.1.0/24\n10.0.0.300/8\n');
    const r = netkit(['exclude', remove, '--from', '0.0.0.0/0']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${remove}:2: invalid IPv4 address "10.0.0.300"`);
    expect(r.stderr).toContain('nothing printed: 1 entry of the set to take out could not be read');
  });
  it('a bad line in --from only narrows the result: it is printed, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-exclude-'));
    const from = join(dir, 'from.txt');
    writeFileSync(from, '10.0.0.0/8\nnot-an-address\n');
    const r = netkit(['exclude', '10.1.0.0/16', '--from', from]);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
  });
});
