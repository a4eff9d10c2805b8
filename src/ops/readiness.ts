import type { Adapter } from '../adapters/adapter.ts';

/** One dependency's state; `error` says why it is not ready. */
export interface Check {
  ready: boolean;
  error?: string;
}

/** What `GET /readyz` answers: ready only when every check is. */
export interface Readiness {
  ready: boolean;
  /** The names of the checks that failed, e.g. `["store", "discord"]`. */
  notReady: string[];
  checks: Record<string, Check>;
}

export interface ReadinessProbes {
  /** False until start-up (first ingest, connecting the platforms) is over. */
  started?: () => boolean;
  /** A cheap round trip to the store; rejects when it is closed or unreachable. */
  store: () => Promise<unknown>;
  adapters: readonly Pick<Adapter, 'platform' | 'ready'>[];
  /** A store slower than this counts as not ready (default 2,000 ms). */
  timeoutMs?: number;
}

const shortError = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);

/** Asks the store and every adapter whether they can serve now. Never rejects. */
export async function checkReadiness(probes: ReadinessProbes): Promise<Readiness> {
  const timeoutMs = probes.timeoutMs ?? 2000;
  let timer: NodeJS.Timeout | undefined;
  const store: Check = await Promise.race([
    probes.store().then(() => ({ ready: true })),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    }),
  ])
    .catch((error: unknown) => ({ ready: false, error: shortError(error) }))
    .finally(() => clearTimeout(timer));
  const checks: Record<string, Check> = {};
  if (probes.started && !probes.started()) {
    checks.start = { ready: false, error: 'still starting (first ingest, platforms connecting)' };
  }
  checks.store = store;
  for (const adapter of probes.adapters) {
    checks[adapter.platform] = adapter.ready()
      ? { ready: true }
      : { ready: false, error: `${adapter.platform} is not connected` };
  }
  const notReady = Object.keys(checks).filter((name) => !checks[name]?.ready);
  return { ready: notReady.length === 0, notReady, checks };
}
