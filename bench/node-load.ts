// The built-in load generator: N keep-alive connections of an undici Pool, each looping the same POST
// until the time is up, with latency and time-to-first-byte histograms. Used when wrk is missing and
// for TTFB, which wrk cannot see. Run as a child process so it can be pinned to its own core.

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { LatencyHistogram } from './latency-histogram.js';
import type { LoadResult, LoadSpec } from './load-result.js';

const requestTimeoutMs = 30_000;
const errorBackoffMs = 20;

interface Exchange {
  readonly ok: boolean;
  readonly latencyUs: number;
  readonly ttfbUs: number | undefined;
}

/** Runs the load described by `spec` and reports what completed within its duration. */
export async function runNodeLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const pool = new Pool(url.origin, {
    connections: spec.connections,
    pipelining: 1,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const path = url.pathname + url.search;
  const exchange = async (): Promise<Exchange> => {
    const sent = performance.now();
    const response = await pool.request({ path, method: 'POST', headers, body: spec.body });
    let firstByteMs: number | undefined;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (firstByteMs === undefined && chunk.length > 0) firstByteMs = performance.now();
    }
    const ok = response.statusCode >= 200 && response.statusCode <= 299;
    return { ok, latencyUs: (performance.now() - sent) * 1000, ttfbUs: firstByteMs === undefined ? undefined : (firstByteMs - sent) * 1000 };
  };
  try {
    // One untimed exchange per connection first: connection set-up and this process's own JIT
    // warm-up are not the target's latency.
    await Promise.all(Array.from({ length: spec.connections }, () => exchange().catch(() => undefined)));
    return await timedLoad(spec, exchange);
  } finally {
    await pool.close();
  }
}

async function timedLoad(spec: LoadSpec, exchange: () => Promise<Exchange>): Promise<LoadResult> {
  const latency = new LatencyHistogram();
  const ttfb = new LatencyHistogram();
  const started = performance.now();
  const deadline = started + spec.durationMs;
  let completed = 0;
  let errors = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        const result = await exchange();
        if (!result.ok) {
          errors++;
          continue;
        }
        completed++;
        latency.record(result.latencyUs);
        if (spec.measureTtfb && result.ttfbUs !== undefined) ttfb.record(result.ttfbUs);
      } catch {
        errors++;
        await new Promise((resolve) => setTimeout(resolve, errorBackoffMs));
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, worker));
  const elapsedMs = performance.now() - started;
  return {
    tool: 'node',
    completed,
    errors,
    elapsedMs,
    requestsPerSecond: completed / (elapsedMs / 1000),
    latency: latency.summary(),
    ...(spec.measureTtfb ? { ttfb: ttfb.summary() } : {}),
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const result = await runNodeLoad(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
