// Output that fits the terminal: the built netkit on a real pseudo-terminal (script(1))
// of a set width, against the same command into a pipe (never wrapped).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, netkit } from '../helpers/cli.js';

const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Run netkit on a terminal `cols` wide; stdout as the terminal shows it (CRs dropped). */
function onTerminal(cols: number, args: string[]): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.COLUMNS;
  const r = spawnSync('script', ['-qec', `stty cols ${cols} rows 50; ${quoted}`, '/dev/null'], { encoding: 'utf8', env });
  return r.stdout.replace(/\r/g, '');
}
const widest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.skipIf(!hasScript)('on a terminal, output fits its width', () => {
  it.each([
    [['subnet', '2001:db8:abcd:1234:5678:9abc:def0:1234/64'], 60],
    [['subnet', '2001:db8:abcd:1234:5678:9abc:def0:1234/64'], 80],
    [['subnet', '10.1.2.3/24'], 50],
    [['same-net', '2001:db8::1', '2001:db8::ffff:1', '-m', '64', '--bits'], 70],
    [['split', '10.0.0.0/24', '-H', '100,50,20'], 50],
    [['interfaces', '--all'], 60],
    [['subnet', '--help'], 60],
    [['resolve', '--help'], 72],
  ])('%j at %i columns', (args, cols) => {
    const out = onTerminal(cols, args);
    expect(out.length).toBeGreaterThan(0);
    expect(widest(out)).toBeLessThanOrEqual(cols);
  });

  it('the words are the same as into a pipe, only the line breaks differ (IPv4 subnet)', () => {
    const tty = onTerminal(50, ['subnet', '10.1.2.3/24']);
    const pipe = netkit(['subnet', '10.1.2.3/24']).stdout;
    expect(widest(pipe)).toBeGreaterThan(50); // so the test can fail
    expect(words(tty)).toBe(words(pipe));
  });

  it('IPv6 bits: one row of 128 on a wide terminal, rows of 64 at 80, rows of 32 at 60', () => {
    const bitRows = (s: string) => s.split('\n').filter((l) => /^(Address|Netmask| ) +\|?[01]{16}/.test(l));
    expect(bitRows(onTerminal(200, ['subnet', '2001:db8::1/64']))).toHaveLength(2);
    expect(bitRows(onTerminal(80, ['subnet', '2001:db8::1/64']))).toHaveLength(4);
    expect(bitRows(onTerminal(60, ['subnet', '2001:db8::1/64']))).toHaveLength(8);
  });

  it('into a pipe nothing is wrapped', () => {
    expect(widest(netkit(['subnet', '2001:db8:abcd:1234:5678:9abc:def0:1234/64']).stdout)).toBeGreaterThan(120);
  });
});
