// netkit subnet: the network/host split of an address, fully explained.

import { isAddress } from '../../core/address.js';
import { ipv6NetmaskLength, parseMask } from '../../core/mask.js';
import { subnetReport, subnetReportToJson, type SubnetReport } from '../../core/report.js';
import { AsciiBuffer, writeSubnetJsonV4 } from '../../bulk/subnet-json.js';
import { parseAddressWithMask } from '../../core/prefix.js';
import { outputOptions, type Register } from '../command.js';
import type { Context, OutputOptions } from '../context.js';
import { inputLine } from '../context.js';
import { UsageError } from '../errors.js';
import { renderSubnet, renderSubnetShell } from '../render/subnet.js';

/** Inputs are interfaces: a zone may name the link (`fe80::1%eth0/64`). One object, not one a line. */
const AS_INTERFACE = { interface: true } as const;

interface Options extends OutputOptions {
  mask?: string;
  shell?: boolean;
}

export const register: Register = (program, wrap) => {
  const cmd = program
    .command('subnet')
    .description('split an address into network and host parts: network, broadcast, host range, counts, classification')
    .argument('<input...>', "ADDR, ADDR/PREFIX, ADDR/NETMASK or ADDR/WILDCARD; '-' reads inputs from stdin, one a line")
    .option('-m, --mask <mask>', 'mask for bare addresses: 24, /24, 255.255.255.0 or a wildcard 0.0.0.255')
    .option('--shell', "KEY='value' lines for eval: ipcalc-ng's KEY=value output (ipcalc-ng -a -n -m -p -b --reverse-dns --addrspace --minaddr --maxaddr --addresses) with its meanings and ADDRSPACE words, then netkit's own keys; every key in every block");
  outputOptions(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  netkit subnet 210.170.1.1/255.255.255.0
  netkit subnet 210.170.1.1 255.255.255.0        (the ipcalc form: an address and a mask)
  netkit subnet 10.0.0.7/0.0.0.255               (a wildcard mask, as in ACLs)
  netkit subnet 2001:db8::1/64 --json
  printf '10.0.0.1/8\\n192.168.1.9/24\\n' | netkit subnet - --json`,
  );
  cmd.action(wrap(run));
};

/** Is `text` a mask (so that `ADDR MASK` is the ipcalc form, not two inputs)? */
function isMask(text: string): boolean {
  try {
    parseMask(text);
    return true;
  } catch {
    return false;
  }
}

/** A bare address (no mask of its own, not stdin): one that a following mask could belong to. */
function isBare(text: string): boolean {
  return text !== '-' && !text.includes('/') && isAddress(text);
}

/** The prefix length of an IPv6 netmask in address form (`ffff:ffff::` is 32), or null. */
function v6MaskLength(text: string): number | null {
  if (!text.includes(':') || text.includes('/') || text.includes('%')) return null;
  try {
    const len = ipv6NetmaskLength(text);
    return len > 0 ? len : null; // "::" is far likelier an address than a /0
  } catch {
    return null;
  }
}

/**
 * Refuse to guess between a mask and an address, and show both spellings:
 * `ADDR MASK ADDR...` (255.255.255.0 is also an address: the first address's mask, or
 * a host?) and `IPV6ADDR ffff:ffff::...` (IPv6 masks are lengths, RFC 4291; an address
 * that reads as a netmask was most likely meant as one).
 */
function ambiguity(inputs: string[]): string | null {
  if (inputs.length < 2 || !inputs.every(isBare)) return null;
  const [a, m, ...rest] = inputs as [string, string, ...string[]];
  const hosts = inputs.map((t) => `${t}/${t.includes(':') ? 128 : 32}`).join(' ');
  const singles = `or 'netkit subnet ${hosts}' for ${inputs.length} single addresses`;
  const v6len = a.includes(':') ? v6MaskLength(m) : null;
  if (v6len !== null) {
    return `ambiguous: is ${m} the mask of ${a} or another address? an IPv6 mask is written as a prefix length: write 'netkit subnet ${[`${a}/${v6len}`, ...rest].join(' ')}', ${singles}`;
  }
  if (inputs.length >= 3 && isMask(m)) {
    return `ambiguous: is ${m} the mask of ${a} or another address? write 'netkit subnet ${a}/${m} ${rest.join(' ')}' (or '--mask ${m}' for every address), ${singles}`;
  }
  return null;
}

async function run(ctx: Context, opts: Options, inputs: string[]): Promise<void> {
  if ((opts.json || opts.get !== undefined) && opts.shell) throw new UsageError(`${opts.json ? '--json' : '--get'} and --shell are alternatives: choose one`);
  let mask = opts.mask;
  // The ipcalc form: exactly an address and a mask.
  if (inputs.length === 2 && mask === undefined && !inputs[0]!.includes('/') && inputs[0] !== '-' && isMask(inputs[1]!)) {
    mask = inputs[1]!;
    inputs = [inputs[0]!];
  }
  if (mask === undefined) {
    const why = ambiguity(inputs);
    if (why !== null) throw new UsageError(why);
  }
  if (inputs.filter((i) => i === '-').length > 1) throw new UsageError("'-' (stdin) can be given only once");

  let first = true;
  // JSON goes through a byte buffer: IPv4 lines are written straight into it.
  const bytes = new AsciiBuffer();
  const emit = (r: SubnetReport) => {
    if (ctx.get) ctx.jsonLine(r);
    else if (ctx.json) bytes.utf8(subnetReportToJson(r) + '\n');
    else if (opts.shell) ctx.out.write(renderSubnetShell(r));
    else {
      if (!first) ctx.line();
      ctx.out.write(renderSubnet(r, ctx.style, ctx.width));
    }
    first = false;
  };
  const one = (text: string, where?: string, lineNo: number | null = null) => {
    try {
      if (ctx.json && !ctx.get && mask === undefined) {
        const p = parseAddressWithMask(text, AS_INTERFACE);
        if (p.address.version === 4) {
          // It parsed as IPv4 with a mask: digits, dots and '/' only, nothing to escape.
          writeSubnetJsonV4(bytes, `"${text}"`, p.address.w3, p.prefixLength, p.maskForm);
          return;
        }
      }
      emit(subnetReport(text, { mask }));
    } catch (e) {
      ctx.reportInputError(e, where);
      // in JSON the bad input keeps its place in the stream: {input, line, error}
      if (ctx.json) {
        const rec = ctx.errorRecord(text, lineNo, e, Boolean(ctx.get));
        if (!ctx.get) bytes.utf8(rec);
      }
    }
  };
  const drain = async () => {
    if (bytes.pos > 0) ctx.out.writeBytes(bytes.take());
    await ctx.out.flushAndDrain();
  };

  for (const input of inputs) {
    if (input === '-') {
      await ctx.eachStdinLine(
        (text, lineNo) => {
          const t = inputLine(text);
          if (t !== null) one(t, `stdin line ${lineNo}`, lineNo);
        },
        drain,
      );
    } else {
      one(input);
    }
  }
  await drain();
}
