import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.ts';
import type { MetricsText } from './ops-routes.ts';

/** The bot's metrics in a prom-client registry of their own, served as `GET /metrics`. */
export type PromMetrics = Metrics & MetricsText;

/**
 * Metrics in a fresh registry, never prom-client's global one, so every bot (and every test)
 * starts from zero; with the default Node process metrics (CPU, memory, event loop lag, GC).
 * Loaded only when a port serves them: `main.ts` imports this module lazily.
 */
export function createPromMetrics(): PromMetrics {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  collectDefaultMetrics({ register: registry });
  const commands = new Counter({
    name: 'newsbrief_commands_total',
    help: 'Commands dispatched, by command, platform and outcome (ok, refused, error).',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'newsbrief_command_duration_seconds',
    help: 'Time from dispatch to the reply being ready, by command and platform.',
    labelNames: ['command', 'platform'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const ingested = new Counter({
    name: 'newsbrief_articles_ingested_total',
    help: 'New articles stored (at first start and from feeds); duplicates not counted.',
    registers,
  });
  const posted = new Counter({
    name: 'newsbrief_digests_posted_total',
    help: 'Scheduled digests posted, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const failed = new Counter({
    name: 'newsbrief_digests_failed_total',
    help: 'Scheduled digests that could not be built or posted, by platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const tokens = new Counter({
    name: 'newsbrief_llm_tokens_total',
    help: 'LLM tokens used, by kind (prompt, completion), as the server reports them.',
    labelNames: ['kind'] as const,
    registers,
  });
  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    command({ command, platform, outcome, seconds }) {
      commands.inc({ command, platform, outcome });
      latency.observe({ command, platform }, seconds);
    },
    articlesIngested(count) {
      if (count > 0) ingested.inc(count);
    },
    digest(outcome, platform) {
      (outcome === 'posted' ? posted : failed).inc({ platform });
    },
    llmTokens({ prompt, completion }) {
      tokens.inc({ kind: 'prompt' }, prompt);
      tokens.inc({ kind: 'completion' }, completion);
    },
  };
}
