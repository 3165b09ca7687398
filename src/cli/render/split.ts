// Drawing a split: the plain object (--json), a picture and table for a terminal,
// and one CIDR a line for a pipe.

import { Address, parseAddress } from '../../core/address.js';
import { Subnet } from '../../core/network.js';
import type { Prefix } from '../../core/prefix.js';
import { rangeToCidrs, subnetsOf, type SplitPlan } from '../../core/set.js';
import type { Context } from '../context.js';
import type { Style } from './style.js';
import { alignedTable } from './table.js';

export interface SplitSubnetRecord {
  /** The subnet, `192.168.1.0/25`. */
  network: string;
  prefixLength: number;
  /** First and last address of the block. */
  first: string;
  last: string;
  /** First and last usable host (as `netkit subnet`). */
  firstHost: string;
  lastHost: string;
  /** IPv4 broadcast address, or null (IPv6, /31, /32). */
  broadcast: string | null;
  /** Addresses in the block, and usable hosts (decimal strings). */
  addresses: string;
  usableHosts: string;
  /** The host count asked for (--hosts), else null. */
  requestedHosts: string | null;
  /** Position of the request in --hosts (0-based); for equal splits, the subnet's number. */
  request: number;
}

export interface SplitFreeRecord {
  network: string;
  first: string;
  last: string;
  addresses: string;
}

export interface SplitRecord {
  /** The network that was split. */
  network: string;
  /** How: 'prefix' (equal, by length), 'count' (equal, by number) or 'hosts' (VLSM). */
  mode: 'prefix' | 'count' | 'hosts';
  /** The subnets, in address order. */
  subnets: SplitSubnetRecord[];
  /** What is left free, as minimal CIDR blocks in address order. */
  free: SplitFreeRecord[];
  /** Addresses in the network, used by the subnets, and left free (decimal strings). */
  addresses: string;
  usedAddresses: string;
  freeAddresses: string;
}

export function subnetRecord(network: Prefix, requested: bigint | null, request: number): SplitSubnetRecord {
  const s = new Subnet(network.address, network.prefixLength);
  return {
    network: network.toString(),
    prefixLength: network.prefixLength,
    first: s.networkAddress.toString(),
    last: s.lastAddress.toString(),
    firstHost: s.firstHost.toString(),
    lastHost: s.lastHost.toString(),
    broadcast: s.broadcast?.toString() ?? null,
    addresses: s.totalAddresses.toString(),
    usableHosts: s.usableHosts.toString(),
    requestedHosts: requested === null ? null : requested.toString(),
    request,
  };
}

export function splitRecord(plan: SplitPlan, mode: SplitRecord['mode']): SplitRecord {
  const subnets = [...plan.subnets]
    .sort((a, b) => a.network.compare(b.network))
    .map((p) => subnetRecord(p.network, p.requestedHosts, p.index));
  const free = plan.free.map((f) => ({
    network: f.toString(),
    first: f.first().toString(),
    last: f.last().toString(),
    addresses: f.size().toString(),
  }));
  const total = plan.parent.size();
  const used = plan.subnets.reduce((n, s) => n + s.network.size(), 0n);
  return {
    network: plan.parent.toString(),
    mode,
    subnets,
    free,
    addresses: total.toString(),
    usedAddresses: used.toString(),
    freeAddresses: (total - used).toString(),
  };
}

/** For a pipe: the subnets, one CIDR a line. */
export function renderSplitPlain(rec: SplitRecord): string {
  return rec.subnets.map((s) => s.network + '\n').join('');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BAR = 64;

function label(i: number): string {
  return i < LETTERS.length ? LETTERS[i]! : '#';
}

/** For a terminal: a bar of the network, each subnet its letter, free space dotted; then a table. */
export function renderSplitTTY(rec: SplitRecord, style: Style, width = Infinity): string {
  const WIDTH = Math.max(16, Math.min(BAR, width - 2));
  const colours = [style.cyan, style.green, style.yellow, style.magenta, style.blue, style.red];
  const paint = (i: number, s: string) => colours[i % colours.length]!(s);
  const total = BigInt(rec.addresses);
  const base = parseBig(rec.network);
  const cells: string[] = [];
  const owner: number[] = [];
  const spans = rec.subnets.map((s) => ({ s: parseBig(s.first) - base, e: parseBig(s.last) - base }));
  for (let c = 0; c < WIDTH; c++) {
    const lo = (total * BigInt(c)) / BigInt(WIDTH);
    const hi = (total * BigInt(c + 1)) / BigInt(WIDTH); // exclusive
    let idx = spans.findIndex((sp) => sp.s >= lo && sp.s < hi);
    if (idx < 0) idx = spans.findIndex((sp) => sp.s <= lo && lo <= sp.e);
    cells.push(idx < 0 ? '·' : label(idx));
    owner.push(idx);
  }
  // colour runs of one owner at once
  let bar = '';
  for (let c = 0; c < WIDTH; ) {
    let d = c;
    while (d < WIDTH && owner[d] === owner[c]) d++;
    const run = cells.slice(c, d).join('');
    bar += owner[c]! < 0 ? style.dim(run) : paint(owner[c]!, run);
    c = d;
  }
  const lines: string[] = [];
  const head = `${style.bold(rec.network)}  ${rec.subnets.length} subnet${rec.subnets.length === 1 ? '' : 's'}, ` +
    `${rec.usedAddresses} of ${rec.addresses} addresses used, ${rec.freeAddresses} free`;
  lines.push(head);
  lines.push('[' + bar + ']');
  lines.push('');
  const hosts = rec.mode === 'hosts';
  const header = ['', 'subnet', ...(hosts ? ['wanted'] : []), 'usable', 'first host', 'last host', 'broadcast'];
  const rows: string[][] = rec.subnets.map((s, i) => [
    paint(i, label(i)),
    s.network,
    ...(hosts ? [s.requestedHosts ?? ''] : []),
    s.usableHosts,
    s.firstHost,
    s.lastHost,
    s.broadcast ?? '-',
  ]);
  for (const f of rec.free) {
    rows.push([style.dim('·'), f.network, ...(hosts ? [''] : []), style.dim('free'), f.first, f.last, style.dim(`${f.addresses} addresses`)]);
  }
  lines.push(alignedTable(header, rows, style, width));
  return lines.join('\n') + '\n';
}

/** An address or `ADDR/LEN` as its integer value (for the picture's proportions). */
function parseBig(text: string): bigint {
  return parseAddress(text.split('/')[0]!).toBigInt();
}

/**
 * Many equal subnets: stream them (one CIDR a line, or one JSON object written in
 * pieces) rather than build the plan. With `count`, only the first `count` /len
 * subnets are taken (--count) and the rest of the network is reported free.
 */
export async function streamPrefixSplit(ctx: Context, parent: Prefix, len: number, count?: bigint): Promise<void> {
  const all = count === undefined;
  const total = parent.size();
  const used = all ? total : count * (1n << BigInt(parent.address.bitLength - len));
  if (ctx.json) {
    ctx.out.write(`{"network":${JSON.stringify(parent.toString())},"mode":"${all ? 'prefix' : 'count'}","subnets":[`);
    let n = 0;
    for (const p of subnetsOf(parent, len)) {
      if (!all && BigInt(n) >= count) break;
      if (ctx.out.closed) return;
      ctx.out.write((n > 0 ? ',' : '') + JSON.stringify(subnetRecord(p, null, n)));
      if (++n % 4096 === 0) await ctx.out.flushAndDrain();
    }
    const free =
      used < total
        ? rangeToCidrs(Address.fromBigInt(parent.version, parent.first().toBigInt() + used), parent.last()).map((f) => ({
            network: f.toString(),
            first: f.first().toString(),
            last: f.last().toString(),
            addresses: f.size().toString(),
          }))
        : [];
    ctx.out.write(
      `],"free":${JSON.stringify(free)},"addresses":"${total}","usedAddresses":"${used}","freeAddresses":"${total - used}"}\n`,
    );
    return;
  }
  let n = 0;
  for (const p of subnetsOf(parent, len)) {
    if (!all && BigInt(n) >= count) break;
    if (ctx.out.closed) return;
    ctx.line(p.toString());
    if (++n % 4096 === 0) await ctx.out.flushAndDrain();
  }
}
