/**
 * The ids between `anchor` and `target` (both included) in display order, or just `[target]`
 * when the anchor is not visible (it scrolled away or the filter changed).
 */
export function selectRange(
  orderedIds: readonly string[],
  anchor: string | null,
  target: string,
): readonly string[] {
  const to = orderedIds.indexOf(target);
  const from = anchor === null ? -1 : orderedIds.indexOf(anchor);
  if (to === -1 || from === -1) return [target];
  return orderedIds.slice(Math.min(from, to), Math.max(from, to) + 1);
}
