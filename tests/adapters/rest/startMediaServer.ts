import type { MediaDatabaseHandle } from '../../../src/server/db';
import { createMediaHandler, createNodeServer, type NodeMediaServer } from '../../../src/server/http';
import { createMediaService } from '../../../src/server/service/createMediaService';
import type { MediaService } from '../../../src/server/service/MediaService';
import { createMemoryStorage } from '../../../src/server/storage';

/** The tenant header of the contract runs: every adapter gets a fresh tenant through it. */
export const TENANT_HEADER = 'x-tenant';

/** A real media server on loopback: the service on `database`, memory storage, HTTP + WebSocket. */
export interface RunningMediaServer {
  service: MediaService;
  server: NodeMediaServer;
  /** `<url>/api/media`. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts `createMediaHandler` + `createNodeServer` (with the WebSocket endpoint) over a
 * migrated database. `authenticate` takes the tenant from {@link TENANT_HEADER}.
 */
export async function startMediaServer(
  database: MediaDatabaseHandle,
  maxFileSize: number,
): Promise<RunningMediaServer> {
  const service = createMediaService({
    db: database,
    storage: createMemoryStorage(),
    limits: { maxFileSize },
  });
  const authenticate = (request: Request) => {
    const tenantId = request.headers.get(TENANT_HEADER);
    return tenantId ? { tenantId, userId: 'contract-user' } : null;
  };
  const handler = createMediaHandler({ service, authenticate });
  const server = await createNodeServer({ handler, port: 0, websocket: { service, authenticate } });
  return {
    service,
    server,
    baseUrl: `${server.url}/api/media`,
    async close() {
      await server.close();
      await service.close();
    },
  };
}
