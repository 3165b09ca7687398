// Random bytes from the kernel's CSPRNG for DNS query IDs. node:crypto's
// getRandomValues draws from the same kind of source, but loading node:crypto costs
// about 6 ms of every `netkit resolve` start; reading /dev/urandom costs a system call.
// Where there is no /dev/urandom (Windows), Web Crypto (node:crypto) is used after all.

import { closeSync, openSync, readSync } from 'node:fs';

let fd: number | null | undefined;

/** Fill `buf` with cryptographically strong random bytes. */
export function fillRandom(buf: Uint8Array | Uint16Array | Uint32Array): void {
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (fd === undefined) {
    try {
      fd = openSync('/dev/urandom', 'r');
    } catch {
      fd = null;
    }
  }
  if (fd !== null) {
    let got = 0;
    try {
      while (got < bytes.length) {
        const n = readSync(fd, bytes, got, bytes.length - got, null);
        if (n <= 0) break;
        got += n;
      }
    } catch {
      got = -1;
    }
    if (got === bytes.length) return;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    fd = null;
  }
  // Web Crypto's global (Node 19 and later): loads node:crypto only now.
  globalThis.crypto.getRandomValues(bytes);
}
