/** How a command ended: answered, refused with a UserError, or failed unexpectedly. */
export type CommandOutcome = 'ok' | 'refused' | 'error';

/**
 * What the bot counts, recorded where it happens (dispatch, ingest, the digest scheduler, the
 * LLM client) and passed in like the store or the clock. `prom-metrics.ts` implements it with
 * prom-client for `GET /metrics`; `noMetrics` when nothing serves them.
 */
export interface Metrics {
  /** A dispatched command: its registered name (or `unknown`), platform, outcome and duration. */
  command(event: {
    command: string;
    platform: string;
    outcome: CommandOutcome;
    seconds: number;
  }): void;
  /** New articles stored (duplicates not counted). */
  articlesIngested(count: number): void;
  /** A scheduled digest posted to its channel, or failed to be. */
  digest(outcome: 'posted' | 'failed', platform: string): void;
  /** Tokens one LLM request used, as the server reported them. */
  llmTokens(usage: { prompt: number; completion: number }): void;
}

/** Records nothing: when no HTTP port serves `/metrics`, and in tests that do not look. */
export const noMetrics: Metrics = {
  command() {},
  articlesIngested() {},
  digest() {},
  llmTokens() {},
};
