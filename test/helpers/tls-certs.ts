// A throwaway CA made with openssl for the encrypted-transport tests, and server
// certificates it signs: valid for dns.test and 127.0.0.1, expired, or for another host.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Leaf {
  key: string;
  cert: string;
}

export interface TestCa {
  dir: string;
  /** The CA certificate (PEM file path). */
  ca: string;
  /** Sign a server certificate for these subjectAltNames (e.g. "DNS:dns.test,IP:127.0.0.1"). */
  leaf(name: string, san: string, window?: { start: string; end: string }): Leaf;
}

const run = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function makeCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-ca-'));
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=netkit throwaway test CA', '-days', '3'], dir);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]
default_ca = test
[test]
dir = ${dir}
database = ${dir}/index.txt
serial = ${dir}/serial
new_certs_dir = ${dir}
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
`,
  );
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    leaf(name, san, window) {
      const key = join(dir, `${name}.key`);
      const cert = join(dir, `${name}.pem`);
      run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName = ${san}\nextendedKeyUsage = serverAuth\n`);
      const dates = window ? ['-startdate', window.start, '-enddate', window.end] : ['-days', '2'];
      run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-in', `${name}.csr`, '-out', cert, '-extfile', `${name}.ext`, ...dates], dir);
      return { key, cert };
    },
  };
}
