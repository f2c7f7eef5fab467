import type { MediaAdapter } from 'mediashelf/core';

/**
 * What the backend under test supports or enforces beyond the required behaviour. The suite
 * tests each of these when it is declared, and registers the dependent tests as skipped (with
 * the reason in their name) when it is not.
 */
export interface MediaAdapterContractCapabilities {
  /** Largest accepted upload in bytes; when set, `FILE_TOO_LARGE` is tested. */
  maxFileSize?: number;
  /** A MIME type the backend refuses with `UNSUPPORTED_TYPE`; when set, that code is tested. */
  unsupportedType?: string;
  /**
   * The backend checks a declared MIME type against the file's magic bytes and refuses a
   * mismatch with `UNSUPPORTED_TYPE` (default false).
   */
  checksMagicBytes?: boolean;
  /** Uploads honour their `AbortSignal` (default true). */
  abortUpload?: boolean;
  /** `subscribe` delivers events (default: the adapter's `capabilities.realtime`). */
  realtime?: boolean;
  /** Versions are supported (default: the adapter's `capabilities.versions`). */
  versions?: boolean;
  /**
   * Run the tests that upload more than 200 files to prove the default and largest page sizes
   * (default true). Turn off for backends where that many uploads are too slow.
   */
  largeListings?: boolean;
}

/** Options of `runMediaAdapterContract`. */
export interface MediaAdapterContractOptions {
  /** Shown as the top-level `describe` name. */
  name: string;
  /**
   * Builds a fresh, empty adapter. Called before EVERY test, so tests never see each other's
   * files; a server-backed adapter should point at a fresh tenant or database.
   */
  createAdapter: () => MediaAdapter | Promise<MediaAdapter>;
  /** Releases an adapter after its test (close connections, drop the tenant). */
  destroyAdapter?: (adapter: MediaAdapter) => void | Promise<void>;
  /** See {@link MediaAdapterContractCapabilities}. */
  capabilities?: MediaAdapterContractCapabilities;
  /** Longest wait for a bulk operation or an event, in ms (default 10 000). */
  timeoutMs?: number;
  /**
   * An id the backend never issued, for the `NOT_FOUND` tests. Defaults to a well-formed UUID
   * (`00000000-0000-4000-8000-000000000000`) so that backends with UUID keys answer `NOT_FOUND`
   * rather than refusing the id's syntax.
   */
  unknownId?: string;
}

/** The default of {@link MediaAdapterContractOptions.unknownId}. */
export const DEFAULT_UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Capabilities with every default filled in. */
export interface ResolvedContractCapabilities {
  maxFileSize: number | null;
  unsupportedType: string | null;
  checksMagicBytes: boolean;
  abortUpload: boolean;
  realtime: boolean;
  versions: boolean;
  largeListings: boolean;
}

/**
 * Fills in capability defaults. `realtime` and `versions` fall back to what the adapter declares;
 * only when one of them is missing is a probe adapter created (and destroyed) to read them.
 */
export async function resolveCapabilities(
  options: MediaAdapterContractOptions,
): Promise<ResolvedContractCapabilities> {
  const declared = options.capabilities ?? {};
  let realtime = declared.realtime;
  let versions = declared.versions;
  if (realtime === undefined || versions === undefined) {
    const probe = await options.createAdapter();
    realtime ??= probe.capabilities.realtime && typeof probe.subscribe === 'function';
    versions ??= probe.capabilities.versions;
    await options.destroyAdapter?.(probe);
  }
  return {
    maxFileSize: declared.maxFileSize ?? null,
    unsupportedType: declared.unsupportedType ?? null,
    checksMagicBytes: declared.checksMagicBytes ?? false,
    abortUpload: declared.abortUpload ?? true,
    realtime,
    versions,
    largeListings: declared.largeListings ?? true,
  };
}
