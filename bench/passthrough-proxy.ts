// The benchmark's floor: a bare node:http server that pipes request and response bytes to one
// upstream through an undici keep-alive Pool. No parsing, no auth, no accounting: whatever a real
// gateway costs beyond this is the price of its features.

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

/** Hop-by-hop headers (RFC 9110 §7.6.1) plus the ones undici sets itself and refuses from callers. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'expect']);

export interface PassthroughProxy {
  readonly server: Server;
  close(): Promise<void>;
}

/** A proxy forwarding every request to `upstreamOrigin` (e.g. `http://127.0.0.1:9000`). */
export function createPassthroughProxy(upstreamOrigin: string, connections = 256): PassthroughProxy {
  const pool = new Pool(upstreamOrigin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const server = createServer((req, res) => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    pool.stream(
      {
        path: req.url ?? '/',
        method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: forwardable(req.headers),
        body: hasBody ? req : null,
      },
      ({ statusCode, headers }) => {
        res.writeHead(statusCode, forwardable(headers));
        return res;
      },
      (error) => {
        if (error === null) return;
        if (res.headersSent) res.destroy(error);
        else res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream failed\n');
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  return {
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}

function forwardable(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) kept[name] = value;
  }
  return kept;
}

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function main(): void {
  const upstream = argument('upstream');
  if (upstream === undefined) throw new Error('usage: passthrough-proxy --upstream=http://127.0.0.1:PORT [--port=N]');
  const proxy = createPassthroughProxy(upstream);
  const port = Number(argument('port') ?? 0);
  proxy.server.listen(port, '127.0.0.1', () => {
    const address = proxy.server.address();
    process.stdout.write(`pass-through proxy listening on ${typeof address === 'object' && address ? address.port : port}\n`);
  });
  const stop = (): void => {
    proxy.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
