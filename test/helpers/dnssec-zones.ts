// Zones signed by BIND's own tools (dnssec-keygen, dnssec-signzone from the bind9
// package), so netkit's validator is checked against an independent signer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SignedZone {
  zone: string;
  dir: string;
  /** Path of the signed zone file (text, one record per line, absolute names). */
  file: string;
  /** The signed zone's text. */
  text: string;
  /** The DS records (SHA-256) a parent publishes for this zone's KSK, in zone-file form. */
  ds: string;
  /** The KSK's DNSKEY record in zone-file form (a trust anchor for the root). */
  ksk: string;
}

export interface SignOptions {
  algorithm?: string;
  /** dnssec-signzone -s / -e: start and end of the signatures (YYYYMMDDHHmmSS or +N / now+N). */
  start?: string;
  end?: string;
  dir?: string;
}

/** Make keys for `zone` (KSK + ZSK), sign `body` (zone text with $ORIGIN/$TTL as needed). */
export function signZone(zone: string, body: string, opts: SignOptions = {}): SignedZone {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'netkit-dnssec-'));
  const alg = opts.algorithm ?? 'ECDSAP256SHA256';
  const origin = zone === '.' ? '.' : `${zone}.`;
  const base = zone === '.' ? 'root' : zone;
  const src = join(dir, `${base}.db`);
  const file = join(dir, `${base}.signed`);
  writeFileSync(src, body);
  // Keys must be published and active before signatures dated in the past.
  const keyTimes = opts.start ? ['-P', '19700102000000', '-A', '19700102000000'] : [];
  const gen = (ksk: boolean): string =>
    execFileSync('dnssec-keygen', ['-q', '-a', alg, ...(ksk ? ['-f', 'KSK'] : []), ...keyTimes, '-K', dir, origin], { encoding: 'utf8' }).trim();
  const k = gen(true);
  const z = gen(false);
  for (const key of [k, z]) appendFileSync(src, readFileSync(join(dir, `${key}.key`), 'utf8'));
  // Without -e the end is start + 30 days, which for a past start is already over.
  const end = opts.end ?? (opts.start ? 'now+2592000' : undefined);
  const times = [...(opts.start ? ['-s', opts.start] : []), ...(end ? ['-e', end] : [])];
  execFileSync('dnssec-signzone', ['-q', ...(opts.end ? ['-P'] : []), '-O', 'full', '-K', dir, '-d', dir, '-o', origin, '-f', file, ...times, src], { cwd: dir });
  const ds = execFileSync('dnssec-dsfromkey', ['-2', join(dir, `${k}.key`)], { encoding: 'utf8' });
  const ksk = readFileSync(join(dir, `${k}.key`), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith(';'))
    .join('\n');
  return { zone, dir, file, text: readFileSync(file, 'utf8'), ds, ksk };
}
