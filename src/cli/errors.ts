// Exit codes are API. This file names them; main.ts is the one place that turns a
// thrown error into a status and a line on stderr.

import { InputError } from '../core/errors.js';

export const EXIT = {
  /** Success, or "yes" (same network, matched, answered). */
  OK: 0,
  /** A clean "no": different networks, no match, no such name, no default route. */
  NO: 1,
  /** Usage or input error. */
  INPUT: 2,
  /** No reply from a DNS server, or a server failure (as dig's 9). */
  NO_REPLY: 9,
  /** A bug in netkit: please report it. */
  INTERNAL: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const PRIORITY: Record<number, number> = { 0: 0, 1: 1, 9: 2, 2: 3, 70: 4 };

export function exitPriority(code: ExitCode): number {
  return PRIORITY[code] ?? 0;
}

/**
 * An error the CLI reports as one line, with its exit code: one of the InputError
 * family, so main.ts maps it like any other (2 unless said otherwise).
 */
export class CliError extends InputError {
  override readonly name: string = 'CliError';
  declare readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = EXIT.INPUT) {
    super(message, exitCode);
  }
}

/** Bad usage: wrong arguments or options. Exit 2. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';
  constructor(message: string) {
    super(message, EXIT.INPUT);
  }
}
