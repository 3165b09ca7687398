// Human and shell views of a SubnetReport. The binary picture is the networking
// notes in one glance: the network bits (which every host on the network shares)
// stand apart from the host bits (which number the host on it).

import { roleNote, type SubnetReport } from '../../core/report.js';
import type { Style } from './style.js';
import { keyValueTable } from './table.js';
import { ipcalcAddrspace } from './addrspace.js';
import { fitLines } from './wrap.js';

/** Bits with the network/host boundary marked: '|' at the prefix, coloured halves when colour is on. */
export function markBits(grouped: string, prefixLength: number, style: Style, offset = 0): string {
  // `grouped` has separators ('.' or ':') between groups; count only digits.
  // `offset` is the number of bits before this piece (for IPv6 drawn in two lines).
  let out = '';
  let bits = offset;
  let net = '';
  let host = '';
  const flushNet = () => {
    if (net) out += style.net(net);
    net = '';
  };
  for (const ch of grouped) {
    if (ch === '0' || ch === '1') {
      if (bits === prefixLength && prefixLength > 0) {
        flushNet();
        out += style.dim('|');
      }
      if (bits < prefixLength) net += ch;
      else host += ch;
      bits++;
    } else if (bits < prefixLength) net += ch;
    else if (bits === prefixLength && prefixLength > 0) {
      // A group separator right at the boundary: the '|' takes its place.
      continue;
    } else host += ch;
  }
  flushNet();
  if (host) out += style.host(host);
  return out;
}

function plural(n: string, one: string, many: string): string {
  return `${n} ${n === '1' ? one : many}`;
}

function groupThousands(n: string): string {
  if (n.length <= 6) return n;
  return n.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** For IPv4 on an octet boundary, the dotted network part and host part ("210.170.1" and "1"). */
function dottedParts(r: SubnetReport): { net: string; host: string } | null {
  if (r.family !== 4 || r.prefixLength % 8 !== 0 || r.prefixLength === 0 || r.prefixLength === 32) return null;
  const o = r.address.split('.');
  const k = r.prefixLength / 8;
  return { net: o.slice(0, k).join('.'), host: o.slice(k).join('.') };
}

function maskNote(r: SubnetReport): string {
  switch (r.maskForm) {
    case 'netmask':
      return `mask given as netmask ${r.netmask}`;
    case 'wildcard':
      return `mask given as wildcard ${r.hostmask}, read as netmask ${r.netmask}`;
    case 'prefix':
      return `mask given as prefix length /${r.prefixLength}`;
    default:
      return `no mask given: a single host, /${r.prefixLength}`;
  }
}

function classification(r: SubnetReport): string {
  const parts: string[] = [];
  if (r.special) {
    const t = r.special.terminated ? `, terminated ${r.special.terminated}` : '';
    parts.push(`${r.special.name} (${r.special.block}, ${r.special.rfc}${t})`);
  } else if (r.isMulticast) parts.push(r.family === 4 ? 'multicast (224.0.0.0/4, RFC 5771)' : 'multicast (ff00::/8, RFC 4291)');
  else parts.push(r.family === 4 || r.isGloballyReachable ? 'ordinary unicast' : 'not in any registry block');
  const flags: string[] = [];
  if (r.isPrivate) flags.push(r.family === 4 ? 'private (RFC 1918)' : 'unique-local (RFC 4193)');
  if (r.isLoopback) flags.push('loopback');
  if (r.isLinkLocal) flags.push('link-local');
  if (r.isUnspecified) flags.push('unspecified');
  if (r.isMulticast && r.special) flags.push('multicast');
  flags.push(r.isGloballyReachable ? 'globally reachable' : 'not globally reachable');
  return `${parts.join('; ')}: ${flags.join(', ')}`;
}

export function renderSubnet(r: SubnetReport, style: Style, width = Infinity): string {
  const lines: string[] = [];
  const hostBits = (r.family === 4 ? 32 : 128) - r.prefixLength;
  const shown = r.zone ? `${r.address}%${r.zone}` : r.address;
  const title = `${shown}/${r.prefixLength}`;
  const link = r.zone === null ? '' : ` on link ${r.zone}`;
  const what =
    hostBits === 0
      ? 'a single address'
      : r.addressRole === 'network'
        ? `the network ${r.network} itself: its network address, which no host can use`
        : r.addressRole === 'broadcast'
          ? `the broadcast address of network ${r.network}, not a host`
          : r.addressRole === 'subnet-router-anycast'
            ? `the network ${r.network} itself${link}: its Subnet-Router anycast address, not a host's`
            : `host ${r.address} on network ${r.network}${link}`;
  lines.push(`${style.bold(title)}: ${what} (${maskNote(r)})`);
  // Written as a host but no host's: the trap the notes set (10.0.0.255/24 looks like host 255).
  const note = r.addressRole === 'broadcast' ? roleNote(r.address, r.addressRole, r.network) : null;
  if (note !== null) lines.push(`${style.yellow('!')} ${note}`);
  lines.push('');

  const rows: [string, string][] = [];
  rows.push(['Address', shown]);
  rows.push(['Network', style.net(r.network)]);
  rows.push(['Netmask', `${r.netmask} = /${r.prefixLength}`]);
  rows.push(['Hostmask', `${r.hostmask} (wildcard)`]);
  if (r.family === 4) {
    rows.push(['Broadcast', r.broadcast ?? (r.prefixLength === 31 ? 'none (/31 point-to-point link, RFC 3021)' : 'none (a single host)')]);
  }
  rows.push(['First host', r.firstHost]);
  rows.push(['Last host', r.lastHost]);
  const usable = groupThousands(r.usableHosts);
  const total = groupThousands(r.addresses);
  let hostsNote = '';
  if (r.family === 4 && hostBits >= 2) hostsNote = ' (network and broadcast addresses excluded)';
  else if (r.family === 6 && hostBits >= 2) hostsNote = ' (the Subnet-Router anycast address excluded)';
  rows.push(['Hosts', `${plural(usable, 'usable', 'usable')} of ${plural(total, 'address', 'addresses')}${r.family === 6 && hostBits >= 20 ? ` (2^${hostBits})` : ''}${hostsNote}`]);
  if (r.addressClass) rows.push(['Class', `${r.addressClass} (legacy classful; routing has been classless since 1993)`]);
  rows.push(['Kind', classification(r)]);
  if (r.embeddedIPv4) {
    const s = r.embeddedIPv4.special ? ` (${r.embeddedIPv4.special.name})` : '';
    rows.push(['Embedded IPv4', `${r.embeddedIPv4.address}${s} via ${r.embeddedIPv4.via}`]);
  }
  rows.push(['Reverse zone', r.reverseZone ?? (r.family === 4 ? 'none (shorter than /8)' : 'none (not on a 4-bit boundary)')]);
  rows.push(['PTR name', r.ptr]);
  rows.push(['Previous', r.previousNetwork ?? 'none (start of the address space)']);
  rows.push(['Next', r.nextNetwork ?? 'none (end of the address space)']);
  lines.push(keyValueTable(rows, style, width));
  lines.push('');
  lines.push(...binaryPicture(r, style, width));
  return fitLines(lines.join('\n'), width) + '\n';
}

function binaryPicture(r: SubnetReport, style: Style, width: number): string[] {
  const lines: string[] = [];
  const hostBits = (r.family === 4 ? 32 : 128) - r.prefixLength;
  lines.push(
    style.bold('Network part | host part') +
      `  (${r.prefixLength} network ${r.prefixLength === 1 ? 'bit' : 'bits'}, ${hostBits} host ${hostBits === 1 ? 'bit' : 'bits'})`,
  );
  const label = (s: string) => s.padEnd(10);
  if (r.family === 4) {
    const parts = dottedParts(r);
    const netBin = toBinary4(r.networkAddress);
    const rows: [string, string, string][] = [
      ['Address', r.addressBinary, parts ? `${parts.net} | ${parts.host}` : r.address],
      ['Netmask', r.netmaskBinary, r.netmask],
      ['Network', netBin, r.networkAddress],
    ];
    if (r.broadcast) rows.push(['Broadcast', toBinary4(r.broadcast), r.broadcast]);
    for (const [name, bits, text] of rows) {
      lines.push(`${label(name)}${markBits(bits, r.prefixLength, style)}  ${text}`);
    }
  } else {
    // 128 bits: one row on a terminal wide enough, else rows of 64 bits (32 on a narrow
    // one); into a pipe rows of 64, as always.
    const rowBits = (text: string) => {
      if (!Number.isFinite(width)) return 64;
      if (10 + 135 + 2 + text.length <= width) return 128;
      return 10 + 67 <= width ? 64 : 32;
    };
    for (const [name, bits, text] of [
      ['Address', r.addressBinary, r.address],
      ['Netmask', r.netmaskBinary, `/${r.prefixLength}`],
    ] as const) {
      const groups = bits.split(':');
      const per = rowBits(text) / 16;
      // the text beside the first row when it fits there, else under the rows
      const beside = !Number.isFinite(width) || 10 + per * 17 - 1 + 2 + text.length <= width;
      for (let g = 0; g < 8; g += per) {
        const row = markBits(groups.slice(g, g + per).join(':'), r.prefixLength, style, g * 16);
        lines.push(g === 0 ? `${label(name)}${row}${beside ? `  ${text}` : ''}` : `${label('')}${row}`);
      }
      if (!beside) lines.push(`${label('')}${text}`);
    }
  }
  lines.push('');
  const parts = dottedParts(r);
  if (hostBits === 0) {
    lines.push('Every bit is a network bit: this names one address, not a network of hosts.');
  } else if (parts) {
    lines.push(
      `Hosts whose address starts ${parts.net}. are on this network and reach each other directly;`,
      `any other address is reached through a router (this network's gateway). ${hostPartNote(r, parts.host)}`,
    );
  } else {
    lines.push(
      `Hosts that share these first ${r.prefixLength} bits (${r.firstHost} to ${r.lastHost}) reach each other directly;`,
      `any other address is reached through a router (this network's gateway).`,
    );
  }
  return lines;
}

/** The last sentence of the picture: what the host part says about this address. */
function hostPartNote(r: SubnetReport, host: string): string {
  if (r.addressRole === 'network') return `The host part .${host} is all zeros: the network address, which no host can use.`;
  if (r.addressRole === 'broadcast') return `The host part .${host} is all ones: the broadcast address, which no host can use.`;
  return `The host part .${host} numbers this host.`;
}

function toBinary4(dotted: string): string {
  return dotted
    .split('.')
    .map((o) => Number(o).toString(2).padStart(8, '0'))
    .join('.');
}

function classOf(dotted: string): string {
  const o = Number(dotted.split('.')[0]);
  return o < 128 ? 'A' : o < 192 ? 'B' : o < 224 ? 'C' : o < 240 ? 'D' : 'E';
}

/** Single-quote a value for POSIX shells: safe for eval whatever it contains. */
export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * KEY='value' lines. First ipcalc-ng's keys with ipcalc-ng's meanings, as its
 * KEY=value output prints them (`ipcalc-ng -a -n -m -p -b --reverse-dns --addrspace
 * --minaddr --maxaddr --addresses`, plus ADDRCLASS from its --all-info): scripts
 * written for it keep working (for IPv6 its MINADDR is the network address and
 * ADDRESSES counts every address; ADDRSPACE is its word for the network's block).
 * Then netkit's own keys with netkit's host rules. Every key is in every block, empty
 * where it does not apply, so that `eval` never keeps an earlier block's value.
 */
export function renderSubnetShell(r: SubnetReport): string {
  const v6 = r.family === 6;
  const pairs: [string, string | number | null][] = [
    ['ADDRESS', r.address],
    ['NETWORK', r.networkAddress],
    ['NETMASK', r.netmask],
    ['PREFIX', r.prefixLength],
    ['BROADCAST', r.broadcast],
    ['REVERSEDNS', r.reverseZone],
    ['ADDRSPACE', ipcalcAddrspace(r.networkAddress, r.prefixLength)],
    // ipcalc-ng's class is the network's (10.0.0.0/1 is 0.0.0.0/1: Class A)
    ['ADDRCLASS', r.family === 4 ? `Class ${classOf(r.networkAddress)}` : null],
    ['MINADDR', v6 ? r.networkAddress : r.firstHost],
    ['MAXADDR', r.lastHost],
    ['ADDRESSES', v6 ? r.addresses : r.usableHosts],
    ['VERSION', r.family],
    ['ZONE', r.zone],
    ['FIRSTHOST', r.firstHost],
    ['LASTHOST', r.lastHost],
    ['USABLE', r.usableHosts],
    ['CIDR', r.network],
    ['HOSTMASK', r.hostmask],
    ['TOTAL', r.addresses],
    ['PTR', r.ptr],
    ['SPECIAL', r.special?.name ?? null],
    ['GLOBAL', r.isGloballyReachable ? 'yes' : 'no'],
    ['PRIVATE', r.isPrivate ? 'yes' : 'no'],
  ];
  return pairs.map(([k, v]) => `${k}=${shellQuote(v === null ? '' : String(v))}\n`).join('');
}
