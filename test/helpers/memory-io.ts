// ProcessIO over in-memory streams, for running main() in process: what was written to
// stdout and stderr is read back as text.
import { PassThrough } from 'node:stream';
import type { ProcessIO } from '../../src/cli/main.js';

export function memoryIo(input = '', env: NodeJS.ProcessEnv = {}): { io: ProcessIO; out: () => string; err: () => string } {
  const sink = () => {
    const s = new PassThrough();
    let text = '';
    s.on('data', (d) => (text += d));
    return [s as unknown as NodeJS.WriteStream, () => text] as const;
  };
  const [stdout, out] = sink();
  const [stderr, err] = sink();
  const stdin = new PassThrough();
  stdin.end(input);
  return { io: { stdout, stderr, stdin: stdin as unknown as NodeJS.ReadStream, env }, out, err };
}
