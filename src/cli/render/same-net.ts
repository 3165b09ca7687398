// Human view of a same-net answer, in the voice of the style guide.

import { parseAddress } from '../../core/address.js';
import type { SameNetReport } from '../../core/report.js';
import { markBits } from './subnet.js';
import type { Style } from './style.js';

function bitsOf(address: string): string {
  const a = parseAddress(address);
  const words = a.version === 4 ? [a.w3] : [a.w0, a.w1, a.w2, a.w3];
  const bits = words.map((w) => (w >>> 0).toString(2).padStart(32, '0')).join('');
  const size = a.version === 4 ? 8 : 16;
  const groups: string[] = [];
  for (let i = 0; i < bits.length; i += size) groups.push(bits.slice(i, i + size));
  return groups.join(a.version === 4 ? '.' : ':');
}

const zoned = (m: SameNetReport['members'][number]) => (m.zone ? `${m.address}%${m.zone}` : m.address);

export function renderSameNet(r: SameNetReport, style: Style, opts: { bits: boolean; width?: number }): string {
  const lines: string[] = [];
  const under = r.netmask && r.netmask.includes('.') ? `${r.netmask} (/${r.prefixLength})` : `/${r.prefixLength}`;
  if (r.reason === 'different address families') {
    lines.push(`${style.red('different networks')}: different address families (${r.members.map(zoned).join(', ')})`);
    lines.push('an IPv4 and an IPv6 address are never on the same network');
    return lines.join('\n') + '\n';
  }
  if (r.reason === 'different zones') {
    lines.push(`${style.red('different networks')}: different zones (${r.members.map(zoned).join(', ')})`);
    lines.push('link-local addresses on different interfaces are on different links, whatever their bits');
    return lines.join('\n') + '\n';
  }
  const nets = [...new Set(r.members.map((a) => a.network))];
  if (r.sameNetwork) {
    lines.push(`${style.green('same network')} under ${under}: ${nets[0]}`);
    lines.push('they reach each other directly, without a router');
  } else {
    const list = r.members.length === 2 ? nets.join(' vs ') : r.members.map((a) => `${zoned(a)} in ${a.network}`).join(', ');
    lines.push(`${style.red('different networks')} under ${under}: ${list}`);
    lines.push(`(they would share ${r.commonNetwork}; traffic between them goes through a router)`);
  }
  if (opts.bits && r.commonPrefixLength !== null) {
    lines.push('');
    const width = Math.max(...r.members.map((a) => zoned(a).length));
    // IPv6 on a terminal too narrow for 128 bits: rows of 64 (a pipe keeps one row)
    const cols = opts.width ?? Infinity;
    for (const a of r.members) {
      const bits = bitsOf(a.address);
      if (!Number.isFinite(cols) || width + 2 + bits.length <= cols || !bits.includes(':')) {
        lines.push(`${zoned(a).padEnd(width)}  ${markBits(bits, r.commonPrefixLength, style)}`);
        continue;
      }
      const groups = bits.split(':');
      const per = [4, 2].find((n) => width + 2 + n * 17 <= cols) ?? 2;
      for (let g = 0; g < 8; g += per) {
        lines.push(`${(g === 0 ? zoned(a) : '').padEnd(width)}  ${markBits(groups.slice(g, g + per).join(':'), r.commonPrefixLength, style, g * 16)}`);
      }
    }
    lines.push(`${''.padEnd(width)}  shared prefix: the first ${r.commonPrefixLength} bits; the mask asks for ${r.prefixLength}`);
  }
  return lines.join('\n') + '\n';
}
