// One page of a listing: 1-based page numbers, a bounded page size, and the total across all
// pages. Callers order their rows by a unique key so pages never overlap or skip.

import { toNumber } from './row-values.js';

export const maxPageSize = 1_000;

export interface PageRequest {
  /** 1-based. */
  readonly page: number;
  /** 1 to `maxPageSize`. */
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Rows matching the filters across all pages. */
  readonly total: number;
}

export interface PageQueries<R> {
  rows(window: { readonly limit: number; readonly offset: number }): Promise<R[]>;
  total(): Promise<{ readonly total: number | string | bigint } | undefined>;
}

export async function fetchPage<R, T>(request: PageRequest, queries: PageQueries<R>, map: (row: R) => T): Promise<Page<T>> {
  const { page, pageSize } = request;
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${maxPageSize}, not ${pageSize}`);
  }
  const [rows, count] = await Promise.all([queries.rows({ limit: pageSize, offset: (page - 1) * pageSize }), queries.total()]);
  return { items: rows.map(map), total: toNumber(count?.total) };
}
