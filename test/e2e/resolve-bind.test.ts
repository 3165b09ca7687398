// netkit resolve against a REAL name server: BIND's named, started here on 127.0.0.1 on
// a free high port with a small zone of our own, signed in a temp dir with dnssec-keygen
// and dnssec-signzone (NSEC3 for the zone, NSEC for a child), and compared with dig
// asking the same questions: the presentation of every type and every TTL must agree.
// named is stopped by its PID. Skipped only when BIND is not installed (.ci/run installs
// bind9 and bind9-dnsutils).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import dgram from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, netkitAsync } from '../helpers/cli.js';

const tool = (cmd: string) => {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
};
const NAMED = tool('named') ?? (spawnSync('test', ['-x', '/usr/sbin/named']).status === 0 ? '/usr/sbin/named' : null);
const missing = [NAMED ? null : 'named', tool('dig') ? null : 'dig', tool('dnssec-keygen') ? null : 'dnssec-keygen', tool('dnssec-signzone') ? null : 'dnssec-signzone'].filter(Boolean);
if (missing.length) console.warn(`resolve vs BIND tests skipped: ${missing.join(', ')} not installed (apt-get install bind9 bind9-dnsutils)`);

const ZONE = `$TTL 300
@ 3600 IN SOA ns1.example.test. hostmaster.example.test. 2024010101 4294967295 900 1209600 600
@ IN NS ns1
ns1 IN A 127.0.0.1
www IN A 192.0.2.1
www 120 IN AAAA 2001:db8::1
mapped IN AAAA ::ffff:192.0.2.1
@ IN MX 10 mail
mail 86400 IN A 192.0.2.25
txt IN TXT "hello world" "second string"
txt2 IN TXT "esc\\"quote\\\\back;semi" "caf\\195\\169" "ctl\\027[2J"
caa IN CAA 128 issue "ca.example.net"
naptr IN NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp
_sip._udp IN SRV 10 60 5060 sip
sshfp IN SSHFP 4 2 ${'ab'.repeat(32)}
tlsa IN TLSA 3 1 1 ${'0123456789abcdef'.repeat(4)}
svc IN SVCB 1 . alpn="h2,h3" port=8443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1 mandatory=alpn,port
https IN HTTPS 1 . alpn=h3 no-default-alpn
https2 IN HTTPS 0 www
unk IN TYPE65280 \\# 4 0a000001
hinfo IN HINFO "PC" "Linux"
dname IN DNAME example.net.
chain IN CNAME alias
alias 60 IN CNAME www
dangling IN CNAME nowhere
@ IN CDS 12345 13 2 ${'0123456789ABCDEF'.repeat(4)}
nsec IN NS ns1.example.test.
`;
const CHILD = `$TTL 300
@ IN SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300
@ IN NS ns1.example.test.
a IN A 192.0.2.1
`;

let dir = '';
let port = 0;
let named: ChildProcess | null = null;

/** A port free for both UDP and TCP on 127.0.0.1 (the kernel picks it). */
async function freePort(): Promise<number> {
  for (;;) {
    const u = dgram.createSocket('udp4');
    await new Promise<void>((r) => u.bind(0, '127.0.0.1', () => r()));
    const p = u.address().port;
    const ok = await new Promise<boolean>((r) => {
      const s = net.createServer().once('error', () => r(false));
      s.listen(p, '127.0.0.1', () => s.close(() => r(true)));
    });
    u.close();
    if (ok) return p;
  }
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  if (missing.length) return;
  dir = mkdtempSync(join(tmpdir(), 'netkit-bind-'));
  // the child zone, signed with NSEC; its DS goes into the parent
  writeFileSync(join(dir, 'child.db'), CHILD);
  const ck = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', '-f', 'KSK', 'nsec.example.test']).trim();
  writeFileSync(join(dir, 'child.db'), CHILD + `$INCLUDE ${ck}.key\n`);
  sh('dnssec-signzone', ['-q', '-o', 'nsec.example.test', '-N', 'keep', '-z', '-f', 'child.signed', 'child.db']);
  const ksk = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', '-f', 'KSK', 'example.test']).trim();
  const zsk = sh('dnssec-keygen', ['-q', '-a', 'ECDSAP256SHA256', 'example.test']).trim();
  writeFileSync(join(dir, 'zone.db'), ZONE + readFileSync(join(dir, 'dsset-nsec.example.test.'), 'utf8') + `$INCLUDE ${ksk}.key\n$INCLUDE ${zsk}.key\n`);
  // NSEC3 with opt-out and salt ABCD
  sh('dnssec-signzone', ['-q', '-o', 'example.test', '-N', 'keep', '-3', 'abcd', '-A', '-f', 'zone.signed', 'zone.db']);
  port = await freePort();
  writeFileSync(
    join(dir, 'named.conf'),
    `options { directory "${dir}"; listen-on port ${port} { 127.0.0.1; }; listen-on-v6 { none; }; recursion no;
  pid-file none; dnssec-validation no; allow-transfer { 127.0.0.1; }; notify no; };
zone "example.test" { type primary; file "${dir}/zone.signed"; };
zone "nsec.example.test" { type primary; file "${dir}/child.signed"; };
`,
  );
  named = spawn(NAMED!, ['-g', '-c', join(dir, 'named.conf'), '-u', process.getuid?.() === 0 ? 'root' : String(process.getuid?.())], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  named.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  // ready when it says "running" (foreground mode logs to stderr)
  const t0 = Date.now();
  while (!/\brunning\b/.test(log)) {
    if (named.exitCode !== null || Date.now() - t0 > 15_000) throw new Error(`named did not start: ${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (/not loaded due to errors/.test(log)) throw new Error(`named could not load the zones: ${log.slice(-2000)}`);
}, 30_000);

afterAll(async () => {
  if (named && named.exitCode === null) {
    const gone = new Promise((r) => named!.once('exit', r));
    process.kill(named.pid!, 'SIGTERM');
    await gone;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function dig(args: string[]): string {
  const r = spawnSync('dig', [`@127.0.0.1`, '-p', String(port), '+tries=1', '+time=3', ...args], { encoding: 'utf8' });
  return r.stdout;
}
const server = () => `127.0.0.1:${port}`;
/** dig's names end in "."; netkit's do not. The zone has no ". " inside its strings. */
const undot = (line: string) => line.replace(/(?<=[^\\ ])\.(?= |$)/g, '');
const lines = (s: string) => s.split('\n').filter((l) => l && !l.startsWith(';'));

describe.skipIf(missing.length > 0)('netkit resolve vs dig, both asking BIND', () => {
  const questions: [string, string, string[]][] = [
    ['www.example.test', 'A', []],
    ['www.example.test', 'AAAA', []],
    ['mapped.example.test', 'AAAA', []],
    ['example.test', 'MX', []],
    ['example.test', 'NS', []],
    ['example.test', 'SOA', []],
    ['txt.example.test', 'TXT', []],
    ['txt2.example.test', 'TXT', []],
    ['caa.example.test', 'CAA', []],
    ['naptr.example.test', 'NAPTR', []],
    ['_sip._udp.example.test', 'SRV', []],
    ['sshfp.example.test', 'SSHFP', []],
    ['tlsa.example.test', 'TLSA', []],
    ['svc.example.test', 'SVCB', []],
    ['https.example.test', 'HTTPS', []],
    ['https2.example.test', 'HTTPS', []],
    ['unk.example.test', 'TYPE65280', []],
    ['hinfo.example.test', 'HINFO', []],
    ['dname.example.test', 'DNAME', []],
    ['chain.example.test', 'A', []],
    ['example.test', 'DNSKEY', ['--dnssec']],
    ['example.test', 'NSEC3PARAM', ['--dnssec']],
    ['example.test', 'CDS', []],
    ['nsec.example.test', 'DS', []],
    ['nsec.example.test', 'NSEC', ['--dnssec']],
    ['www.example.test', 'A', ['--dnssec']],
    ['www.example.test', 'RRSIG', ['--dnssec']],
  ];
  const digFlags = (extra: string[]) => (extra.includes('--dnssec') ? ['+dnssec'] : []);

  it.each(questions)('%s %s %j: --short equals dig +short', async (name, type, extra) => {
    const ours = await netkitAsync(['resolve', '--server', server(), name, '-t', type, '--short', ...extra]);
    expect(ours.stderr).toBe('');
    expect(ours.code).toBe(0);
    const theirs = lines(dig(['+short', ...digFlags(extra), name, type])).map(undot);
    expect(theirs.length).toBeGreaterThan(0);
    // BIND rotates the order of an RRset between answers (rrset-order cyclic): compare as sets
    expect(lines(ours.stdout).sort()).toEqual(theirs.sort());
  });

  it.each(questions)('%s %s %j: owners, types and TTLs equal dig\'s answer section', async (name, type, extra) => {
    const ours = jsonLines((await netkitAsync(['resolve', '--server', server(), name, '-t', type, '--json', ...extra])).stdout)[0];
    const theirs = lines(dig(['+noall', '+answer', ...digFlags(extra), name, type])).map((l) => {
      const [owner, ttl, , t] = l.split(/\s+/);
      return `${undot(owner!)} ${t} ${ttl}`;
    });
    expect(ours.answers.map((a: any) => `${a.name} ${a.type} ${a.ttl}`).sort()).toEqual(theirs.sort());
  });

  it('header flags and the authority section of an NXDOMAIN (with NSEC3 proof) equal dig\'s', async () => {
    const ours = jsonLines((await netkitAsync(['resolve', '--server', server(), 'nope.example.test', '-t', 'A', '--json', '--dnssec'])).stdout)[0];
    const full = dig(['+dnssec', 'nope.example.test', 'A']);
    const flags = /;; flags: ([a-z ]+);/.exec(full)![1]!.trim();
    expect(Object.entries(ours.flags).filter(([, v]) => v).map(([k]) => k).join(' ')).toBe(flags);
    expect(ours.status).toBe('NXDOMAIN');
    const auth = lines(dig(['+noall', '+authority', '+dnssec', 'nope.example.test', 'A'])).map((l) => {
      const [owner, ttl, , t] = l.split(/\s+/);
      return `${undot(owner!)} ${t} ${ttl}`;
    });
    expect(ours.authority.map((a: any) => `${a.name} ${a.type} ${a.ttl}`).sort()).toEqual(auth.sort());
    // RFC 2308: the SOA's TTL here is already min(TTL, MINIMUM)
    expect(ours.negativeTtl).toBe(ours.authority.find((a: any) => a.type === 'SOA').ttl);
    expect(ours.edns).toMatchObject({ version: 0, do: true });
  });

  it('the table shows a negative answer with its authority SOA', async () => {
    const r = await netkitAsync(['resolve', '--server', server(), 'nope.example.test', '-t', 'A']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^example\.test\s+SOA\s+600\s+ns1\.example\.test hostmaster\.example\.test 2024010101 4294967295 900 1209600 600\s+authority$/m);
  });

  it('--tcp gives the same answer as UDP', async () => {
    const udp = await netkitAsync(['resolve', '--server', server(), 'txt2.example.test', '-t', 'TXT', '--short']);
    const tcp = await netkitAsync(['resolve', '--server', server(), 'txt2.example.test', '-t', 'TXT', '--short', '--tcp']);
    expect(tcp.stdout).toBe(udp.stdout);
  });

  it('AXFR: the same records as dig\'s transfer, SOA first and last', async () => {
    const ours = await netkitAsync(['resolve', '--server', server(), 'example.test', '-t', 'AXFR', '--json']);
    expect(ours.code).toBe(0);
    const rec = jsonLines(ours.stdout)[0];
    const theirs = lines(dig(['+noall', '+answer', 'example.test', 'AXFR'])).map((l) => {
      const [owner, ttl, , t] = l.split(/\s+/);
      return `${undot(owner!)} ${t} ${ttl}`;
    });
    expect(rec.answers.map((a: any) => `${a.name} ${a.type} ${a.ttl}`)).toEqual(theirs);
    expect(rec.answers[0].type).toBe('SOA');
  });

  it('AXFR of a zone BIND does not serve: NOTAUTH or REFUSED, exit 9', async () => {
    const r = await netkitAsync(['resolve', '--server', server(), 'other.test', '-t', 'AXFR', '--json']);
    expect(r.code).toBe(9);
    expect(['REFUSED', 'ERROR']).toContain(jsonLines(r.stdout)[0].status);
  });
});
