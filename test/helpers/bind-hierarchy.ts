// A small signed DNS tree of the tests' own, served by BIND (named) on three loopback
// addresses inside a network namespace (port 53 is fixed for referrals, so it cannot be
// on the host): the root on 127.0.0.1, "test." on 127.0.0.2, the leaves on 127.0.0.3.
// 127.0.0.4 is a name server of "test." with nothing listening (a dead server to skip).
//
//   good.test      signed, DS in test.             secure
//   insecure.test  unsigned, no DS                 insecure
//   bogus.test     signed, DS matches no key       bogus
//   expired.test   signed in 2020 for January      bogus (signature expired)
//   glueless.test  unsigned, NS ns-far.good.test. without glue
//   lame.test      delegated to 127.0.0.3, which does not serve it
//   loop1.good.test -> loop.test -> loop1.good.test: a CNAME loop across two servers
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signZone } from './dnssec-zones.js';

export interface Hierarchy {
  dir: string;
  /** The root KSK as a DNSKEY record (a --trust-anchor file). */
  anchorKey: string;
  /** The root KSK's DS record (a --trust-anchor file). */
  anchorDs: string;
  /** A trust anchor that is not the root's key. */
  wrongAnchor: string;
}

const SOA = (ns: string) => `@ IN SOA ${ns} hostmaster.test. 1 3600 600 86400 300`;

export function buildHierarchy(): Hierarchy {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-trace-'));
  const leafDir = join(dir, 'leaf');
  execFileSync('mkdir', ['-p', leafDir, join(dir, 'root'), join(dir, 'tld')]);
  const z = (zone: string, body: string) => `$ORIGIN ${zone}.\n$TTL 300\n${SOA(`ns.${zone}.`)}\n@ IN NS ns\nns IN A 127.0.0.3\n${body}`;

  // Signatures valid from December 2019, so --now in January 2020 (inside expired.test's window) is valid all the way down.
  const since = '20191201000000';
  const good = signZone('good.test', z('good.test', 'www IN A 192.0.2.1\nns-far IN A 127.0.0.3\nalias IN CNAME www.insecure.test.\nloop1 IN CNAME loop.test.\n'), { dir: leafDir, start: since });
  writeFileSync(join(leafDir, 'insecure.test.db'), z('insecure.test', 'www IN A 192.0.2.2\n'));
  const bogus = signZone('bogus.test', z('bogus.test', 'www IN A 192.0.2.3\n'), { dir: leafDir });
  const expired = signZone('expired.test', z('expired.test', 'www IN A 192.0.2.4\n'), { dir: leafDir, start: '20200101000000', end: '20200201000000' });
  writeFileSync(join(leafDir, 'glueless.test.db'), `$ORIGIN glueless.test.\n$TTL 300\n${SOA('ns-far.good.test.')}\n@ IN NS ns-far.good.test.\nwww IN A 192.0.2.5\n`);
  // The DS the parent publishes for bogus.test comes from a key the zone never uses.
  const stray = signZone('bogus.test', z('bogus.test', ''), { dir: mkdtempSync(join(tmpdir(), 'netkit-stray-')) });

  const tld = signZone(
    'test',
    `$ORIGIN test.\n$TTL 300\n${SOA('ns.test.')}\n@ IN NS ns\n@ IN NS a.ns\nns IN A 127.0.0.2\na.ns IN A 127.0.0.4\n` +
      ['good', 'insecure', 'bogus', 'expired', 'lame'].map((l) => `${l} IN NS ns.${l}\nns.${l} IN A 127.0.0.3\n`).join('') +
      `glueless IN NS ns-far.good.test.\nloop IN CNAME loop1.good.test.\n` +
      good.ds + stray.ds + expired.ds,
    { dir: join(dir, 'tld'), start: since },
  );
  void bogus;
  const root = signZone('.', `$ORIGIN .\n$TTL 300\n. IN SOA a.root-servers.net. hostmaster.test. 1 3600 600 86400 300\n. IN NS a.root-servers.net.\na.root-servers.net. IN A 127.0.0.1\ntest. IN NS ns.test.\ntest. IN NS a.ns.test.\nns.test. IN A 127.0.0.2\na.ns.test. IN A 127.0.0.4\n${tld.ds}`, { dir: join(dir, 'root'), start: since });

  const conf = (name: string, addr: string, zones: [string, string][]) =>
    writeFileSync(
      join(dir, `${name}.conf`),
      `options { directory "${dir}/${name}"; listen-on port 53 { ${addr}; }; listen-on-v6 { none; }; recursion no; dnssec-validation no; pid-file none; session-keyfile none; managed-keys-directory "${dir}/${name}"; minimal-responses no; };\n` +
        zones.map(([zone, file]) => `zone "${zone}" { type primary; file "${file}"; };\n`).join(''),
    );
  conf('root', '127.0.0.1', [['.', root.file]]);
  conf('tld', '127.0.0.2', [['test', tld.file]]);
  conf('leaf', '127.0.0.3', [
    ['good.test', good.file],
    ['insecure.test', join(leafDir, 'insecure.test.db')],
    ['bogus.test', bogus.file],
    ['expired.test', expired.file],
    ['glueless.test', join(leafDir, 'glueless.test.db')],
  ]);
  const wrong = signZone('.', `$ORIGIN .\n$TTL 300\n. IN SOA a. b. 1 1 1 1 1\n. IN NS a.\n`, { dir: mkdtempSync(join(tmpdir(), 'netkit-wrong-')) });
  writeFileSync(join(dir, 'anchor.key'), root.ksk + '\n');
  writeFileSync(join(dir, 'anchor.ds'), root.ds);
  writeFileSync(join(dir, 'wrong.ds'), wrong.ds);
  return { dir, anchorKey: join(dir, 'anchor.key'), anchorDs: join(dir, 'anchor.ds'), wrongAnchor: join(dir, 'wrong.ds') };
}

export interface CaseResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Start the three nameds in a fresh network namespace, run each netkit command line in
 * it, stop the servers (by PID) and hand back each command's output. One namespace for
 * all the commands: BIND starts once.
 */
export function runInHierarchy(h: Hierarchy, bin: string, cases: string[][]): CaseResult[] {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = [
    'set -u',
    'ip link set lo up',
    'for a in 2 3 4; do ip addr add 127.0.0.$a/32 dev lo; done',
    'pids=""',
    `for n in root tld leaf; do named -g -c ${q(h.dir)}/$n.conf > ${q(h.dir)}/$n.log 2>&1 & pids="$pids $!"; done`,
    // Ready when each answers its SOA over TCP.
    `for i in $(seq 1 100); do ok=1; for a in 1:. 2:test 3:good.test; do dig +tcp +time=1 +tries=1 @127.0.0.\${a%%:*} \${a#*:} SOA +short >/dev/null 2>&1 && [ -n "$(dig +tcp +time=1 +tries=1 @127.0.0.\${a%%:*} \${a#*:} SOA +short)" ] || ok=0; done; [ $ok = 1 ] && break; sleep 0.1; done`,
    ...cases.map((args, i) => `${q(process.execPath)} ${q(bin)} ${args.map(q).join(' ')} > ${q(h.dir)}/out.${i} 2> ${q(h.dir)}/err.${i}; echo $? > ${q(h.dir)}/code.${i}`),
    'kill $pids; wait',
  ].join('\n');
  const r = spawnSync('unshare', ['-n', 'bash', '-c', script], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 && r.status !== 143) throw new Error(`namespace script failed (${r.status}): ${r.stderr}`);
  return cases.map((_, i) => ({
    stdout: readFileSync(join(h.dir, `out.${i}`), 'utf8'),
    stderr: readFileSync(join(h.dir, `err.${i}`), 'utf8'),
    code: Number(readFileSync(join(h.dir, `code.${i}`), 'utf8').trim()),
  }));
}
