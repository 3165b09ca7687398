// Entry point of the built CLI (dist/cli.cjs, and each command's dist/commands/NAME.cjs).
// Sets process.exitCode rather than calling process.exit(), so piped output is flushed
// before the process ends.
import { FdOut } from '../io/stdio.js';
import { main } from './main.js';

// Errors are values here (a bad line among a million is reported and passed over): no
// stack trace is ever shown, so none is captured, unless NETKIT_DEBUG asks for one.
if (!process.env.NETKIT_DEBUG) Error.stackTraceLimit = 0;

// stdout and stderr without Node's streams until an output is long (src/io/stdio.ts):
// building them costs more than a short command's work.
const stdout = new FdOut(1, { stream: () => process.stdout });
const stderr = new FdOut(2, { stream: () => process.stderr });

// `netkit ... | head`: when the reader goes away, stop quietly (help text and other
// direct writes included), as a shell tool killed by SIGPIPE would. Any other write
// error (a full disk) is one line on stderr and exit 2, never a stack trace.
for (const stream of [stdout, stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    // The status earned so far survives: `(echo 300.1.1.1; yes 10.0.0.1) | netkit subnet - | head -1` exits 2.
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === stdout) {
      try {
        stderr.write(`netkit: cannot write the output: ${e.code ?? e.message}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left
      }
    }
    process.exit(2);
  });
}

main(process.argv.slice(2), {
  stdout,
  stderr,
  // process.stdin builds a stream when first touched: only commands that read it pay.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  earned: (code) => {
    process.exitCode = code;
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    stderr.write(`netkit: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
