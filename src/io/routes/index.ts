// The route table of this host, from the adapter for its platform. Each adapter is a
// pure parser plus a few lines that read a file or run a command; this picks one.
// Everything is injectable so tests can feed fixture text and pretend to be any OS.

import { execFile } from 'node:child_process';
import type { Route } from '../../core/routes.js';
import type { Runner } from './bsd.js';
import { InputError } from '../../core/errors.js';
import type { LinuxReader } from './linux.js';

export { RouteTableError } from './common.js';

/** A platform netkit has no route adapter for. */
export class UnsupportedPlatformError extends InputError {
  override readonly name: string = 'UnsupportedPlatformError';
  constructor(readonly platform: string) {
    super(
      `reading the route table is not supported on ${platform} (netkit knows linux, darwin, freebsd, openbsd, netbsd and win32)`,
    );
  }
}

export interface RouteReaderOptions {
  /** process.platform by default. */
  platform?: string;
  /** Runs a command and resolves to its stdout (rejects on failure). */
  run?: Runner;
  /** Linux: how to read /proc files and the CPU's byte order. */
  linux?: LinuxReader;
}

/** Read this host's route table (both families). */
export async function readRoutes(opts: RouteReaderOptions = {}): Promise<Route[]> {
  const platform = opts.platform ?? process.platform;
  switch (platform) {
    case 'linux':
    case 'android': {
      const { readLinuxRoutes } = await import('./linux.js');
      return readLinuxRoutes(opts.linux);
    }
    case 'darwin': {
      const { readDarwinRoutes } = await import('./darwin.js');
      return readDarwinRoutes(opts.run ?? (await defaultRunner()));
    }
    case 'freebsd':
    case 'openbsd':
    case 'netbsd': {
      const { readBsdRoutes } = await import('./bsd.js');
      return readBsdRoutes(opts.run ?? (await defaultRunner()));
    }
    case 'win32': {
      const { readWindowsRoutes } = await import('./windows.js');
      return readWindowsRoutes(opts.run ?? (await defaultRunner()));
    }
    default:
      throw new UnsupportedPlatformError(platform);
  }
}

/** execFile with a timeout, no shell, C locale where the platform honours it. */
async function defaultRunner(): Promise<Runner> {
  return (file, args) =>
    new Promise((resolve, reject) => {
      execFile(
        file,
        args,
        { timeout: 15_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true, env: { ...process.env, LC_ALL: 'C' } },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
}
