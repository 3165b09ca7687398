// This host's tables as one read: the route table (io/routes) and the addresses of
// its interfaces (io/interfaces), which `gateway` and `route` both need together.

import { NetkitRangeError } from '../core/errors.js';
import type { HostAddress, Route } from '../core/routes.js';
import type { RouteReaderOptions } from './routes/index.js';

/**
 * This host's route table and interface addresses. A platform without an adapter or a
 * table that cannot be read is an input error (one line, exit 2), never an internal one.
 */
export async function loadHostTables(reader: RouteReaderOptions = {}): Promise<{ routes: Route[]; hosts: HostAddress[] }> {
  const [{ readRoutes, RouteTableError, UnsupportedPlatformError }, { listHostAddresses }] = await Promise.all([
    import('./routes/index.js'),
    import('./interfaces.js'),
  ]);
  try {
    const routes = await readRoutes(reader);
    return { routes, hosts: listHostAddresses() };
  } catch (e) {
    // Until both errors join the core's input-error family, which main.ts reports itself.
    if (e instanceof UnsupportedPlatformError) throw new NetkitRangeError(e.message);
    if (e instanceof RouteTableError) throw new NetkitRangeError(`cannot read the route table: ${e.message}`);
    throw e;
  }
}
