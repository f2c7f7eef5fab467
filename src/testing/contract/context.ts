import type { MediaAdapter, MediaEvent } from 'mediashelf/core';
import { afterEach, beforeEach } from 'vitest';
import {
  DEFAULT_UNKNOWN_ID,
  type MediaAdapterContractOptions,
  type ResolvedContractCapabilities,
} from './options';

/** What every area of the suite works with. */
export interface ContractContext {
  /** The fresh adapter of the running test. */
  readonly adapter: MediaAdapter;
  readonly capabilities: ResolvedContractCapabilities;
  /** Longest wait for a bulk operation or an event. */
  readonly timeoutMs: number;
  /** An id the backend never issued. */
  readonly unknownId: string;
  /** Subscribes for the rest of the test; the subscription ends before the adapter is destroyed. */
  subscribe(listener: (event: MediaEvent) => void): () => void;
}

/**
 * Registers the hooks that give every test its own adapter (and tear it down afterwards), and
 * answers the context the areas read it from.
 */
export function useFreshAdapter(
  options: MediaAdapterContractOptions,
  capabilities: ResolvedContractCapabilities,
): ContractContext {
  let current: MediaAdapter | null = null;
  let unsubscribers: (() => void)[] = [];

  beforeEach(async () => {
    current = await options.createAdapter();
  });
  afterEach(async () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    unsubscribers = [];
    const adapter = current;
    current = null;
    if (adapter) await options.destroyAdapter?.(adapter);
  });

  return {
    get adapter() {
      if (!current) throw new Error('runMediaAdapterContract: no adapter outside of a test');
      return current;
    },
    capabilities,
    timeoutMs: options.timeoutMs ?? 10_000,
    unknownId: options.unknownId ?? DEFAULT_UNKNOWN_ID,
    subscribe(listener) {
      const adapter = this.adapter;
      if (!adapter.subscribe) throw new Error('runMediaAdapterContract: the adapter has no subscribe()');
      const unsubscribe = adapter.subscribe(listener);
      unsubscribers.push(unsubscribe);
      return unsubscribe;
    },
  };
}
