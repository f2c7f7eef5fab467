import { QueryClient } from '@tanstack/react-query';
import { createMemoryAdapter, type MemoryAdapter, type MemorySeedFile } from 'mediashelf/adapters/memory';
import type { MediaAdapter, MediaAdapterMethod } from 'mediashelf/core';
import { MediaProvider, type MediaProviderProps } from 'mediashelf/headless';
import type { ReactNode } from 'react';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A small library: one used video with 2 versions, an image, a PDF, and 12 text files for paging. */
export function seedFiles(): MemorySeedFile[] {
  return [
    {
      id: 'video-1',
      fileName: 'Lecture 01.mp4',
      fileType: 'video/mp4',
      fileSize: 5_000,
      uploadDate: daysAgo(1),
      versions: 2,
      usage: [{ resourceType: 'course', resourceId: 'bio-101', resourceTitle: 'Biology 101' }],
    },
    {
      id: 'image-1',
      fileName: 'Cell diagram.png',
      fileType: 'image/png',
      fileSize: 300,
      uploadDate: daysAgo(2),
    },
    {
      id: 'doc-1',
      fileName: 'Syllabus.pdf',
      fileType: 'application/pdf',
      fileSize: 900,
      uploadDate: daysAgo(3),
    },
    ...Array.from({ length: 12 }, (_, index) => ({
      id: `note-${String(index + 1).padStart(2, '0')}`,
      fileName: `Notes ${String(index + 1).padStart(2, '0')}.txt`,
      fileType: 'text/plain',
      fileSize: 100 + index,
      uploadDate: daysAgo(40 + index),
    })),
    { id: 'trash-1', fileName: 'Old draft.txt', fileType: 'text/plain', fileSize: 10, status: 'deleted' },
  ];
}

/** A memory backend with the test seed (no object URLs: jsdom has no createObjectURL). */
export function createBackend(options: Parameters<typeof createMemoryAdapter>[0] = {}): MemoryAdapter {
  return createMemoryAdapter({ seed: seedFiles(), objectUrls: false, ...options });
}

/** An adapter that counts calls and can hold a method until released (to see optimistic states). */
export interface InstrumentedAdapter {
  adapter: MediaAdapter;
  calls: Record<string, number>;
  /** Holds every later call of `method` until the returned function is called. */
  hold(method: MediaAdapterMethod): () => void;
  count(method: MediaAdapterMethod): number;
}

export function instrument(inner: MediaAdapter): InstrumentedAdapter {
  const calls: Record<string, number> = {};
  const gates = new Map<string, Promise<void>>();
  const adapter = new Proxy(inner, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver);
      if (typeof member !== 'function' || property === 'subscribe') {
        return typeof member === 'function' ? member.bind(target) : member;
      }
      return async (...args: unknown[]) => {
        calls[String(property)] = (calls[String(property)] ?? 0) + 1;
        const gate = gates.get(String(property));
        if (gate) await gate;
        return member.apply(target, args);
      };
    },
  });
  return {
    adapter,
    calls,
    hold(method) {
      let release!: () => void;
      gates.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        gates.delete(method);
        release();
      };
    },
    count: (method) => calls[method] ?? 0,
  };
}

/** A QueryClient for tests: no retries (errors surface at once), no garbage collection timers. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } } });
}

/** A Testing Library wrapper around a MediaProvider. */
export function providerWrapper(props: Omit<MediaProviderProps, 'children'>) {
  return ({ children }: { children: ReactNode }) => <MediaProvider {...props}>{children}</MediaProvider>;
}
