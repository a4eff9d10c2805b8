import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config.ts';
import type { HttpRoute } from './ops-routes.ts';

/** A running HTTP server for the ops routes. */
export interface OpsServer {
  /** The port it listens on (the chosen one when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `routes` on `port` with Node's own HTTP server (Slack HTTP mode serves them on Bolt's
 * instead): 404 for any other path, 405 for another method.
 */
export async function startOpsServer(
  routes: readonly HttpRoute[],
  options: { port: number; host?: string },
): Promise<OpsServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    } else if (req.method !== route.method) {
      res
        .writeHead(405, { 'content-type': 'application/json', allow: route.method })
        .end('{"error":"method not allowed"}');
    } else {
      route.handler(req, res);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new ConfigError(
              `PORT ${options.port} cannot be used (${error.code}): set PORT to a free port, e.g. 3000`,
            )
          : error,
      );
    });
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive connections of a scraper would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
