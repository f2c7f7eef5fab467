import type { MediaIdentity } from 'mediashelf/server';
import { DEMO_TENANT, DEMO_USER } from './resolveConfig';

const HEADER_VALUE = /^[\w.@:-]{1,128}$/;

function headerOr(request: Request, name: string, fallback: string): string {
  const value = request.headers.get(name)?.trim();
  return value && HEADER_VALUE.test(value) ? value : fallback;
}

/**
 * The development identity of `mediashelf serve`: the tenant and user named by the
 * `x-tenant-id` and `x-user-id` headers, `demo`/`demo` when absent. It trusts the caller
 * completely, so it is for local development only; hosts pass their own `authenticate` to
 * `createMediaHandler`.
 */
export function devAuthenticate(request: Request): MediaIdentity {
  return {
    tenantId: headerOr(request, 'x-tenant-id', DEMO_TENANT),
    userId: headerOr(request, 'x-user-id', DEMO_USER),
  };
}

/** The warning `serve` prints at start. */
export const DEV_IDENTITY_WARNING = [
  'WARNING: development identity. Every request is trusted as the tenant in its x-tenant-id header',
  `(default "${DEMO_TENANT}") and the user in x-user-id (default "${DEMO_USER}"). Do not expose this server.`,
  'In production, mount the handler in your app with your own authentication:',
  "  import { createMediaHandler } from 'mediashelf/server';",
  '  const handler = createMediaHandler({ service,',
  '    authenticate: async (request) => { const user = await yourSession(request);',
  '      return user ? { tenantId: user.schoolId, userId: user.id } : null; } });',
].join('\n');
