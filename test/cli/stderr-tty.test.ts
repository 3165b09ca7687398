// Whether stderr is a terminal is asked only where the answer matters (resolve's
// progress line, after a second): on a terminal, asking builds Node's terminal stream,
// about 3.5 ms of every call in a shell loop whose stderr is the terminal.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../helpers/memory-io.js';

/** memoryIo whose stderr counts the times it is asked whether it is a terminal. */
function countingIo(input = '') {
  const t = memoryIo(input);
  let asked = 0;
  Object.defineProperty(t.io.stderr, 'isTTY', {
    get: () => {
      asked++;
      return true;
    },
  });
  return { ...t, asked: () => asked };
}

describe('stderr is not asked whether it is a terminal', () => {
  it.each([
    [['subnet', '10.1.2.3/24']],
    [['same-net', '10.0.0.1', '10.0.0.2', '-m', '24']],
    [['list', '192.0.2.0/30', '--json']],
    [['subnet', '-'], '10.0.0.1/8\n192.0.2.0/24\n'],
  ] as [string[], string?][])('%j', async (args, input) => {
    const t = countingIo(input);
    expect(await main(args, t.io)).toBe(0);
    expect(t.out()).not.toBe('');
    expect(t.asked()).toBe(0);
  });
});
