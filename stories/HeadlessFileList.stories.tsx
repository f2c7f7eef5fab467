/**
 * A small media list built only with `mediashelf/headless` hooks (no styled components), one
 * story per adapter state. The fixtures double as test fixtures.
 */
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { MemoryAdapter } from 'mediashelf/adapters/memory';
import { formatFileSize } from 'mediashelf/core';
import {
  MediaProvider,
  type UploadQueue,
  useBulkOperation,
  useDeleteMedia,
  useMediaLabels,
  useMediaList,
  useMediaSelection,
  useUploadQueue,
  useUploadQueueItem,
  useUploadQueueSummary,
} from 'mediashelf/headless';
import { useState } from 'react';
import { userEvent, within } from 'storybook/test';
import { bulkAdapter, emptyAdapter, failingAdapter, populatedAdapter, slowAdapter } from './fixtures';

function FileList() {
  const [search, setSearch] = useState(''); // form state stays in the component
  const list = useMediaList({ search, sort: 'uploadDate' }, { debounceMs: 300 });
  const selection = useMediaSelection();
  const remove = useDeleteMedia();
  const bulk = useBulkOperation();
  const labels = useMediaLabels();
  const operation = bulk.operation;

  return (
    <section aria-label={labels.libraryTitle}>
      <input
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        placeholder={labels.searchPlaceholder}
        aria-label={labels.searchPlaceholder}
      />
      {list.total !== undefined && <p>{list.total} files</p>}
      {list.isPending && !list.error && <p role="status">{labels.loading}</p>}
      {list.error && (
        <div role="alert">
          <p>
            {labels.errorLoading} ({list.error.message})
          </p>
          <button type="button" onClick={list.refetch}>
            {labels.retry}
          </button>
        </div>
      )}
      {!list.isPending && !list.error && list.items.length === 0 && (
        <p>{search ? labels.emptySearch : labels.emptyLibrary}</p>
      )}
      <p>
        <button type="button" onClick={() => selection.selectAll(list.ids)}>
          {labels.selectAll}
        </button>{' '}
        <button
          type="button"
          disabled={selection.count === 0 || bulk.isStarting}
          onClick={() => bulk.start({ type: 'bulk-delete', ids: [...selection.selectedIds] })}
        >
          {labels.delete} ({labels.selectedCount(selection.count)})
        </button>
      </p>
      {operation && (
        <div>
          <progress
            max={100}
            value={operation.percentage}
            aria-label={labels.bulkProgress(operation.processed, operation.total)}
          />{' '}
          {labels.bulkProgress(operation.processed, operation.total)} · {operation.status}
          {operation.failed.length > 0 && (
            <span role="alert"> {labels.bulkFailed(operation.failed.length)}</span>
          )}
        </div>
      )}
      <ul>
        {list.items.map((file) => (
          <li key={file.id}>
            <input
              type="checkbox"
              aria-label={file.fileName}
              checked={selection.isSelected(file.id)}
              onChange={(event) =>
                selection.toggle(file.id, {
                  range: (event.nativeEvent as MouseEvent).shiftKey,
                  orderedIds: list.ids,
                })
              }
            />{' '}
            {file.fileName} · {formatFileSize(file.fileSize)} ·{' '}
            {file.usageCount > 0 ? labels.usedIn(file.usageCount) : labels.notUsed}{' '}
            <button type="button" onClick={() => remove.mutate(file.id)}>
              {labels.delete}
            </button>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" onClick={list.fetchNextPage} disabled={list.isFetchingNextPage}>
          {labels.loadMore}
        </button>
      )}
      {remove.inUseUsage && (
        <div role="dialog" aria-label={labels.deleteDialogTitle}>
          <p>{labels.deleteInUseMessage(remove.inUseUsage.length)}</p>
          <ul>
            {remove.inUseUsage.map((usage) => (
              <li key={usage.id}>
                {usage.resourceType}: {usage.resourceTitle ?? usage.resourceId}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => remove.reset()}>
            {labels.close}
          </button>
        </div>
      )}
    </section>
  );
}

function Uploader() {
  const uploads = useUploadQueue({ concurrency: 3, maxSize: 500e6 });
  const labels = useMediaLabels();
  return (
    <section aria-label={labels.uploadButton}>
      <input
        type="file"
        multiple
        aria-label={labels.uploadButton}
        onChange={(event) => event.target.files && uploads.enqueue(event.target.files)}
      />
      <Progress queue={uploads.queue} />
      <button type="button" onClick={uploads.clearFinished}>
        {labels.clearFinished}
      </button>
      <ul>
        {uploads.keys.map((key) => (
          <UploadRow key={key} queue={uploads.queue} id={key} />
        ))}
      </ul>
    </section>
  );
}

function Progress({ queue }: { queue: UploadQueue }) {
  const summary = useUploadQueueSummary(queue);
  const labels = useMediaLabels();
  return <progress value={summary.progress} aria-label={labels.uploadSummary(summary.done, summary.total)} />;
}

function UploadRow({ queue, id }: { queue: UploadQueue; id: string }) {
  const item = useUploadQueueItem(queue, id);
  const labels = useMediaLabels();
  if (!item) return null;
  return (
    <li>
      {item.fileName} — {item.status} {Math.round(item.progress * 100)}%
      {item.error && <span role="alert"> {item.error.message}</span>}
      {item.status === 'uploading' && (
        <button type="button" onClick={() => queue.cancel(id)}>
          {labels.uploadCancel}
        </button>
      )}
      {(item.status === 'cancelled' || item.error?.retryable) && (
        <button type="button" onClick={() => queue.retry(id)}>
          {labels.uploadRetry}
        </button>
      )}
    </li>
  );
}

function HeadlessFileList({ fixture }: { fixture: () => MemoryAdapter }) {
  // One adapter per story render, created once.
  const [adapter] = useState(() => fixture());
  return (
    <MediaProvider adapter={adapter} locale="en-GB">
      <Uploader />
      <FileList />
    </MediaProvider>
  );
}

const meta = {
  title: 'Headless/FileList',
  component: HeadlessFileList,
  args: { fixture: populatedAdapter },
  argTypes: { fixture: { control: false } },
} satisfies Meta<typeof HeadlessFileList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {};
export const Empty: Story = { args: { fixture: emptyAdapter } };
export const Loading: Story = { args: { fixture: slowAdapter } };
export const ErrorState: Story = { name: 'Error', args: { fixture: failingAdapter } };

/** Selects every loaded file and starts a bulk delete; the bar follows `useOperation`. */
export const BulkDelete: Story = {
  args: { fixture: bulkAdapter },
  // `within(canvasElement)` rather than the context's `canvas`: portable stories (the browser
  // tests run them) get no `canvas` from Storybook's preview annotations.
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findAllByRole('checkbox');
    await userEvent.click(canvas.getByRole('button', { name: 'Select all' }));
    await userEvent.click(canvas.getByRole('button', { name: /selected\)$/ }));
    await canvas.findByRole('progressbar', { name: /of \d+ done/ });
  },
};
