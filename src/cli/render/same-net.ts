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

export function renderSameNet(r: SameNetReport, style: Style, opts: { bits: boolean }): string {
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
    for (const a of r.members) {
      lines.push(`${zoned(a).padEnd(width)}  ${markBits(bitsOf(a.address), r.commonPrefixLength, style)}`);
    }
    lines.push(`${''.padEnd(width)}  shared prefix: the first ${r.commonPrefixLength} bits; the mask asks for ${r.prefixLength}`);
  }
  return lines.join('\n') + '\n';
}
