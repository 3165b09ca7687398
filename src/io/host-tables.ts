// This host's tables as one read: the route table (io/routes) and the addresses of
// its interfaces (io/interfaces), which `gateway` and `route` both need together.

import type { HostAddress, Route } from '../core/routes.js';
import type { RouteReaderOptions } from './routes/index.js';

/**
 * This host's route table and interface addresses. A platform without an adapter or a
 * table that cannot be read is an input error (one line, exit 2), never an internal one.
 */
export async function loadHostTables(reader: RouteReaderOptions = {}): Promise<{ routes: Route[]; hosts: HostAddress[] }> {
  const [{ readRoutes }, { listHostAddresses }] = await Promise.all([import('./routes/index.js'), import('./interfaces.js')]);
  // RouteTableError and UnsupportedPlatformError are InputErrors: main.ts reports them as they are.
  const routes = await readRoutes(reader);
  return { routes, hosts: listHostAddresses() };
}
