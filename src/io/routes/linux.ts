// Linux: the kernel's own tables, /proc/net/route (IPv4, the main table) and
// /proc/net/ipv6_route (IPv6, every table), read as files: no `ip` binary, no
// subprocess. The parsers are pure; readLinuxRoutes is the few lines of I/O.
//
// /proc/net/route prints each __be32 address as a host-order integer (%08X), so on a
// little-endian CPU the bytes read backwards: 0100C80A is 10.200.0.1. Metric is
// decimal there and hexadecimal in ipv6_route. Flags: include/uapi/linux/route.h and
// linux/ipv6_route.h.

import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { Address } from '../../core/address.js';
import { Prefix } from '../../core/prefix.js';
import type { Route } from '../../core/routes.js';
import { isLinkLocal } from '../../core/special.js';
import { mask32, maskLength32 } from '../../core/mask.js';
import { network, RouteTableError, withZone } from './common.js';

const RTF_UP = 0x0001;
const RTF_GATEWAY = 0x0002;
const RTF_REJECT = 0x0200;
const RTF_CACHE = 0x01000000;
const RTF_LOCAL = 0x80000000;

export type Endianness = 'LE' | 'BE';

const HEX8 = /^[0-9A-Fa-f]{8}$/;
const HEX32 = /^[0-9a-fA-F]{32}$/;

/** The address a /proc/net/route hex field stands for, given the CPU's byte order. */
export function decodeProcAddress(hex: string, endianness: Endianness): number {
  const v = parseInt(hex, 16) >>> 0;
  if (endianness === 'BE') return v;
  return (((v & 0xff) << 24) | (((v >>> 8) & 0xff) << 16) | (((v >>> 16) & 0xff) << 8) | (v >>> 24)) >>> 0;
}

/** Parse /proc/net/route. */
export function parseProcNetRoute(text: string, endianness: Endianness, source = '/proc/net/route'): Route[] {
  const routes: Route[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim(); // every line is padded with spaces to 127 characters
    if (line === '' || (i === 0 && line.startsWith('Iface'))) return;
    const f = line.split('\t');
    if (f.length < 8) throw new RouteTableError(source, `expected at least 8 tab-separated fields, found ${f.length}`, i + 1);
    const [iface, dst, gw, flagsHex, , , metricText, maskHex] = f as [string, string, string, string, string, string, string, string];
    if (!HEX8.test(dst) || !HEX8.test(gw) || !HEX8.test(maskHex) || !/^[0-9A-Fa-f]{1,8}$/.test(flagsHex) || !/^\d+$/.test(metricText)) {
      throw new RouteTableError(source, `unexpected field format in ${JSON.stringify(line)}`, i + 1);
    }
    const flags = parseInt(flagsHex, 16);
    if (!(flags & RTF_UP)) return;
    const len = maskLength32(decodeProcAddress(maskHex, endianness));
    if (len < 0) throw new RouteTableError(source, `mask ${maskHex} is not contiguous`, i + 1);
    const hasGateway = (flags & RTF_GATEWAY) !== 0 && gw !== '00000000';
    const mask = mask32(len);
    routes.push({
      // Host bits cleared here, so Prefix need not copy (a 20,000-route table is read per run).
      destination: new Prefix(Address.unsafe(4, 0, 0, 0, (decodeProcAddress(dst, endianness) & mask) >>> 0), len),
      gateway: hasGateway ? Address.v4(decodeProcAddress(gw, endianness)) : null,
      interface: iface === '*' ? '' : iface, // '*': no device (unreachable, blackhole, prohibit, throw)
      metric: Number(metricText),
      // blackhole and throw carry no RTF_REJECT here, only the missing device ('*'):
      // the kernel drops (blackhole) or fails the lookup (throw, in the main table), so
      // nothing is sent on any link. A route that forwards always has a device.
      kind: flags & RTF_REJECT || iface === '*' ? 'reject' : 'unicast',
      flags: flagsHex,
    });
  });
  return routes;
}

function hex32ToAddress(hex: string): Address {
  const w = (k: number) => parseInt(hex.slice(k * 8, k * 8 + 8), 16) >>> 0;
  return Address.v6(w(0), w(1), w(2), w(3));
}

/** Parse /proc/net/ipv6_route (no header; ten space-separated fields). */
export function parseProcNetIpv6Route(text: string, source = '/proc/net/ipv6_route'): Route[] {
  const routes: Route[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const f = line.split(/\s+/);
    if (f.length !== 10) throw new RouteTableError(source, `expected 10 fields, found ${f.length}`, i + 1);
    const [dst, dstLen, , , nextHop, metricHex, , , flagsHex, dev] = f as [string, string, string, string, string, string, string, string, string, string];
    if (!HEX32.test(dst) || !HEX32.test(nextHop) || !/^[0-9a-fA-F]{2}$/.test(dstLen) || !HEX8.test(metricHex) || !HEX8.test(flagsHex)) {
      throw new RouteTableError(source, `unexpected field format in ${JSON.stringify(line)}`, i + 1);
    }
    const flags = parseInt(flagsHex, 16) >>> 0;
    const len = parseInt(dstLen, 16);
    if (len > 128) throw new RouteTableError(source, `prefix length ${len} is longer than 128`, i + 1);
    const reject = (flags & RTF_REJECT) !== 0;
    // Reject routes (unreachable, prohibit, blackhole, throw) are listed without RTF_UP,
    // yet they are in force: keep them, so a destination they cover is named as rejected.
    if ((!(flags & RTF_UP) && !reject) || flags & RTF_CACHE) return;
    const metric = parseInt(metricHex, 16) >>> 0;
    // The kernel's catch-all: an unreachable ::/0 on lo with the largest metric. It
    // means "no route", not a default route anyone configured.
    if (reject && len === 0 && dev === 'lo' && metric === 0xffffffff) return;
    const hop = hex32ToAddress(nextHop);
    const hasGateway = (flags & RTF_GATEWAY) !== 0 && !/^0+$/.test(nextHop);
    routes.push({
      destination: network(hex32ToAddress(dst), len),
      // A link-local next hop means nothing without its link: fe80::1%eth0.
      gateway: hasGateway ? (isLinkLocal(hop) ? withZone(hop, dev) : hop) : null,
      interface: dev,
      metric,
      kind: flags & RTF_LOCAL ? 'local' : reject ? 'reject' : 'unicast',
      flags: flagsHex,
    });
  });
  return routes;
}

/** Both tables; `ipv6` is '' when the kernel has IPv6 off (the file is then absent). */
export function parseLinuxRoutes(ipv4: string, ipv6: string, endianness: Endianness): Route[] {
  return [...parseProcNetRoute(ipv4, endianness), ...parseProcNetIpv6Route(ipv6)];
}

export interface LinuxReader {
  readFile(path: string): Promise<string>;
  endianness(): Endianness;
}

/** Read the kernel's tables. */
export async function readLinuxRoutes(io?: LinuxReader): Promise<Route[]> {
  const r = io ?? (await defaultReader());
  const ipv4 = await r.readFile('/proc/net/route').catch((e: NodeJS.ErrnoException) => {
    throw new RouteTableError('/proc/net/route', e.code === 'ENOENT' ? 'not found (is /proc mounted?)' : e.message);
  });
  const ipv6 = await r.readFile('/proc/net/ipv6_route').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return ''; // IPv6 disabled
    throw new RouteTableError('/proc/net/ipv6_route', e.message);
  });
  return parseLinuxRoutes(ipv4, ipv6, r.endianness());
}

async function defaultReader(): Promise<LinuxReader> {
  return { readFile: (p) => readFile(p, 'utf8'), endianness: () => endianness() };
}

/** Is this kernel WSL's (its /proc/version names Microsoft)? Its table is the WSL VM's, not the Windows host's. */
export function isWslKernel(procVersion: string): boolean {
  return /microsoft/i.test(procVersion);
}

/** Read /proc/version and say whether this is WSL; false when it cannot be read. */
export async function runningUnderWsl(readFile?: (p: string) => Promise<string>): Promise<boolean> {
  const read = readFile ?? (await defaultReader()).readFile;
  return read('/proc/version').then(isWslKernel, () => false);
}
