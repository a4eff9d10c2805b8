import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Readiness } from './readiness.ts';

/**
 * One GET route; the shape of Bolt's `customRoutes`, so the same routes serve on our own
 * server and on Bolt's receiver in Slack HTTP mode.
 */
export interface HttpRoute {
  path: string;
  method: string;
  handler(req: IncomingMessage, res: ServerResponse): void;
}

/** What `/metrics` serves: Prometheus text, produced on each scrape. */
export interface MetricsText {
  readonly contentType: string;
  text(): Promise<string>;
}

export interface OpsRoutesOptions {
  readiness: () => Promise<Readiness>;
  metrics: MetricsText;
  log: Logger;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * `GET /healthz`: the process is alive and its event loop turns (200 always: a restart fixes
 * nothing a dependency breaks). `GET /readyz`: 200 when the store and every platform can serve,
 * else 503 naming what cannot. `GET /metrics`: Prometheus text.
 */
export function opsRoutes(options: OpsRoutesOptions): HttpRoute[] {
  const { log } = options;
  const failed = (res: ServerResponse, what: string) => (error: unknown) => {
    log.error({ err: error }, `${what} failed`);
    if (!res.headersSent) json(res, 500, { error: `${what} failed` });
    else res.destroy();
  };
  return [
    {
      path: '/healthz',
      method: 'GET',
      handler: (_req, res) => json(res, 200, { ok: true }),
    },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        options
          .readiness()
          .then((r) => json(res, r.ready ? 200 : 503, r))
          .catch(failed(res, 'readiness check'));
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        options.metrics
          .text()
          .then((text) => {
            res.writeHead(200, { 'content-type': options.metrics.contentType });
            res.end(text);
          })
          .catch(failed(res, 'metrics'));
      },
    },
  ];
}
