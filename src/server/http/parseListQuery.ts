import type { ListMediaParams, MediaKind, MediaSort, SortOrder, UsageFilter } from 'mediashelf/core';
import {
  booleanValue,
  listValue,
  nonNegativeNumberValue,
  positiveIntegerValue,
  singleQueryValue,
} from './queryValues';

/**
 * The query of `GET /files` as {@link ListMediaParams}. Numbers are parsed strictly here; enum
 * values pass through unchanged because the service checks them and names the field.
 */
export function parseListQuery(query: URLSearchParams): ListMediaParams {
  const params: ListMediaParams = {};
  const search = singleQueryValue(query, 'search');
  if (search !== undefined) params.search = search;
  const kinds = listValue(query, 'kind');
  if (kinds !== undefined && kinds.length > 0) params.kind = kinds as MediaKind[];
  const status = singleQueryValue(query, 'status');
  if (status !== undefined) params.status = status as ListMediaParams['status'];
  const usage = singleQueryValue(query, 'usage');
  if (usage !== undefined) params.usage = usage as UsageFilter;
  const sort = singleQueryValue(query, 'sort');
  if (sort !== undefined) params.sort = sort as MediaSort;
  const order = singleQueryValue(query, 'order');
  if (order !== undefined) params.order = order as SortOrder;
  const cursor = singleQueryValue(query, 'cursor');
  if (cursor !== undefined) params.cursor = cursor;
  const limit = positiveIntegerValue('limit', singleQueryValue(query, 'limit'));
  if (limit !== undefined) params.limit = limit;
  const orphanAgeDays = nonNegativeNumberValue('orphanAgeDays', singleQueryValue(query, 'orphanAgeDays'));
  if (orphanAgeDays !== undefined) params.orphanAgeDays = orphanAgeDays;
  const includeTotal = booleanValue('includeTotal', singleQueryValue(query, 'includeTotal'));
  if (includeTotal !== undefined) params.includeTotal = includeTotal;
  return params;
}
