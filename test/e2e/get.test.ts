// --get FIELD[,FIELD...]: the named fields of each --json record, tab-separated, one
// record a line, nothing else; the same records --json prints (checked field by field).
import { describe, expect, it } from 'vitest';
import { netkit } from '../helpers/cli.js';

const jsonLines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('--get', () => {
  it.each([
    // [args, stdout] one row per behaviour
    [['subnet', '10.1.2.3/24', '--get', 'network'], '10.1.2.0/24\n'], // the brief's example
    [['subnet', '10.1.2.3/24', '2001:db8::1/64', '--get', 'network,addresses'], '10.1.2.0/24\t256\n2001:db8::/64\t18446744073709551616\n'],
    [['subnet', '10.1.2.3/24', '--get', 'special.name,zone,broadcast'], 'Private-Use\t\t10.1.2.255\n'], // null is empty
    [['subnet', '8.8.8.8', '--get', 'special.name'], '\n'], // null object: empty, not an error
    [['subnet', '10.1.2.3/24', '--get', 'isPrivate,prefixLength'], 'true\t24\n'],
    [['subnet', '192.0.2.1', '--get', 'embeddedIPv4'], '\n'],
    [['subnet', '::ffff:192.0.2.1', '--get', 'embeddedIPv4.address'], '192.0.2.1\n'],
    [['same-net', '10.0.0.1', '10.0.0.2', '-m', '24', '--get', 'sameNetwork,commonNetwork'], 'true\t10.0.0.0/30\n'],
    [['merge', '10.0.0.0/24', '10.0.1.0/24', '2001:db8::/127', '--get', 'network,family,addresses'], '10.0.0.0/23\t4\t512\n2001:db8::/127\t6\t2\n'],
    [['merge', '10.0.0.0/24', '--count', '--get', 'input,addresses'], '10.0.0.0/24\t256\n\t256\n'], // per input, then the total (input null)
    [['exclude', '10.0.0.0/25', '--from', '10.0.0.0/24', '--get', 'network'], '10.0.0.128/25\n'],
    [['list', '192.0.2.0/31', '--get', 'address'], '192.0.2.0\n192.0.2.1\n'],
    [['split', '10.0.0.0/24', '-p', '25', '--get', 'network,usedAddresses'], '10.0.0.0/24\t256\n'],
  ])('%j', (args, stdout) => {
    const r = netkit(args);
    expect([r.code === 0 || r.code === 1, r.stdout, r.stderr]).toEqual([true, stdout, '']);
  });

  it('prints exactly the fields --json has, for many records', () => {
    const input = '10.0.0.1/8\n192.168.7.9/20\n2001:db8::5/64\n0.0.0.0/0\n';
    const json = jsonLines(netkit(['subnet', '-', '--json'], { input }).stdout);
    const fields = ['address', 'network', 'firstHost', 'lastHost', 'usableHosts', 'hostOffset'];
    const got = netkit(['subnet', '-', '--get', fields.join(',')], { input }).stdout;
    expect(got).toBe(json.map((o) => fields.map((f) => String(o[f])).join('\t') + '\n').join(''));
  });

  it('a bad bulk line keeps its place: a line with its input, the other fields empty', () => {
    const r = netkit(['subnet', '-', '--get', 'input,network'], { input: '10.0.0.1/8\n300.1.1.1\n10.9.9.9/16\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('10.0.0.1/8\t10.0.0.0/8\n300.1.1.1\t\n10.9.9.9/16\t10.9.0.0/16\n');
    expect(r.stderr).toBe('netkit: stdin line 2: invalid IPv4 address "300.1.1.1": octet 300 is greater than 255\n');
  });

  it('text that could break the line or reach the terminal is escaped', () => {
    const r = netkit(['subnet', '-', '--get', 'input'], { input: '10.0.0.1/8\n1.2.3.4\t\x1b[2J\n' });
    expect(r.stdout).toBe('10.0.0.1/8\n1.2.3.4\\t\\x1b[2J\n');
  });
});

describe('--get: bad input is exit 2 with one line', () => {
  it.each([
    [['subnet', '10.0.0.1', '--get', 'nope'], /^netkit: --get: unknown field "nope": the fields are input, family, address, zone, prefixLength, .*netmaskBinary\n$/],
    [['subnet', '10.0.0.1', '--get', 'address.x'], /^netkit: --get: unknown field "address.x": address has no fields \(it is string\)\n$/],
    [['subnet', '10.0.0.1', '--get', 'a,,b'], /^netkit: --get: "a,,b" is not a list of field names/],
    [['subnet', '10.0.0.1', '--get', 'address', '--json'], /^netkit: --json and --get are alternatives: choose one\n$/],
    [['subnet', '10.0.0.1', '--get', 'address', '--shell'], /^netkit: --get and --shell are alternatives: choose one\n$/],
    [['merge', '10.0.0.0/24', '--get', 'network', '--join', ','], /^netkit: merge: --join goes with the list/],
  ])('%j', (args, stderr) => {
    const r = netkit(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
  it('an unknown field stops a bulk run at once, not once per line', () => {
    const r = netkit(['subnet', '-', '--get', 'nope'], { input: '10.0.0.1\n10.0.0.2\n10.0.0.3\n' });
    expect([r.code, r.stdout, r.stderr.split('\n').length]).toEqual([2, '', 2]);
  });
  it('grep, merge and list have no --no-color: they never colour', () => {
    for (const args of [['grep', '10.0.0.0/8', '--no-color'], ['merge', '10.0.0.0/8', '--no-color'], ['list', '10.0.0.0/30', '--no-color']]) {
      const r = netkit(args, { input: '' });
      expect([args[0], r.code, r.stderr]).toEqual([args[0], 2, expect.stringMatching(/^netkit: unknown option '--no-color'/)]);
    }
  });
});

describe("'-' reads stdin in list, split and same-net; twice is exit 2", () => {
  it('list -', () => {
    const r = netkit(['list', '-'], { input: '192.0.2.0/31\n# comment\n\n198.51.100.7\n' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '192.0.2.0\n192.0.2.1\n198.51.100.7\n', '']);
  });
  it('list -: a bad line is reported with its number, the rest listed, exit 2', () => {
    const r = netkit(['list', '-'], { input: '192.0.2.0/31\nzz\n' });
    expect([r.code, r.stdout]).toEqual([2, '192.0.2.0\n192.0.2.1\n']);
    expect(r.stderr).toMatch(/^netkit: stdin line 2: invalid IP address "zz"/);
  });
  it('split -: each network in turn', () => {
    const r = netkit(['split', '-', '-p', '25'], { input: '10.0.0.0/24\n10.1.0.0/24\n' });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '10.0.0.0/25\n10.0.0.128/25\n10.1.0.0/25\n10.1.0.128/25\n', '']);
  });
  it('same-net -: the addresses from stdin with those given', () => {
    expect(netkit(['same-net', '-', '10.0.0.200', '-m', '24'], { input: '10.0.0.1\n10.0.0.9\n' }).code).toBe(0);
    expect(netkit(['same-net', '-', '10.0.1.200', '-m', '24'], { input: '10.0.0.1\n' }).code).toBe(1);
  });
  it.each([[['list', '-', '-']], [['same-net', '-', '-', '-m', '24']]])('%j: exit 2', (args) => {
    expect(netkit(args, { input: '10.0.0.1\n' })).toEqual({ code: 2, stdout: '', stderr: "netkit: '-' (stdin) can be given only once\n" });
  });
});
