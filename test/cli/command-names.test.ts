// A call that names its command registers only that one (main.ts): COMMAND_NAMES must
// name COMMANDS in the same order, or `netkit subnet` would register some other command.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS } from '../../src/cli/commands/index.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memory-io.js';

const io = () => memoryIo();

describe('registering one command or all', () => {
  it('COMMAND_NAMES names COMMANDS, in order', () => {
    expect(COMMAND_NAMES.length).toBe(COMMANDS.length);
    const all = buildProgram(io().io, () => {});
    expect(all.commands.map((c) => c.name())).toEqual([...COMMAND_NAMES]);
  });

  it.each(COMMAND_NAMES.filter((n) => n !== 'help' && n !== 'completion'))('%s alone when the call names it', (name) => {
    const p = buildProgram(io().io, () => {}, name);
    expect(p.commands.map((c) => c.name())).toEqual([name]);
  });

  it.each([['help'], ['completion'], ['subnett'], ['--help'], ['-V']])('%s gets every command', (first) => {
    const p = buildProgram(io().io, () => {}, first);
    expect(p.commands.map((c) => c.name())).toEqual([...COMMAND_NAMES]);
  });

  it('a mistyped command is still told the one it resembles', async () => {
    const t = io();
    const code = await main(['subnett', '10.0.0.0/8'], t.io);
    expect(code).toBe(2);
    expect(t.err()).toMatch(/unknown command 'subnett'.*subnet/);
  });

  it('help for one command is the same whether the others are there or not', async () => {
    const alone = io();
    await main(['merge', '--help'], alone.io);
    const viaHelp = io();
    await main(['help', 'merge'], viaHelp.io);
    expect(alone.out()).not.toBe('');
    expect(alone.out()).toBe(viaHelp.out());
  });
});
