import type { Subscription } from './store.ts';

/**
 * Where one digest stands. `claimed`: a process is posting it (its lease says until when);
 * `posted`: confirmed; `failed`: the platform refused it (the message is not there);
 * `skipped`: deliberately not posted (too late to catch up, nothing new and skipping is on);
 * `uncertain`: the claimer died between posting and recording, and nobody could check.
 */
export type DeliveryState = 'claimed' | 'posted' | 'failed' | 'skipped' | 'uncertain';

/** One digest: a channel and its period (the channel's local date). */
export interface DeliveryKey {
  platform: Subscription['platform'];
  channelId: string;
  period: string;
}

/** A process that claims digests. `id` is unique per process start; host and pid find dead ones. */
export interface DeliveryOwner {
  id: string;
  host: string;
  pid: number;
}

/** A ledger row. Times are ISO strings. */
export interface Delivery extends DeliveryKey {
  state: DeliveryState;
  owner: DeliveryOwner;
  claimedAt: string;
  /** A `claimed` row whose lease has passed belongs to nobody (unless its owner is alive). */
  leaseUntil: string;
  /** Start of the article window (`ingestedSince`) the digest covers. */
  since?: string;
  /** When it reached its final state. */
  doneAt?: string;
  /** Why it failed, was skipped or is uncertain. */
  note?: string;
  /** How many processes claimed it (a takeover after a crash adds one). */
  attempts: number;
}

/** Options of a claim: who, when, for how long. */
export interface ClaimOptions {
  owner: DeliveryOwner;
  now: Date;
  leaseMs: number;
  since?: string;
}

/**
 * The delivery ledger: claim -> post -> confirm, keyed by (platform, channel, period). Every
 * method is one atomic statement, so two processes on one database never both win.
 */
export interface DeliveryLedger {
  get(key: DeliveryKey): Promise<Delivery | undefined>;
  /** Inserts a `claimed` row; false when the period already has a row (whatever its state). */
  claim(key: DeliveryKey, options: ClaimOptions): Promise<boolean>;
  /** Takes a stale `claimed` row from `from` (compare-and-set on its owner); true when taken. */
  takeOver(key: DeliveryKey, from: DeliveryOwner, options: ClaimOptions): Promise<boolean>;
  /** Extends the owner's lease while a slow post is in flight; false when it was lost. */
  renew(key: DeliveryKey, owner: DeliveryOwner, now: Date, leaseMs: number): Promise<boolean>;
  /**
   * Moves the owner's `claimed` row to a final state; false when the owner no longer holds it
   * (its lease lapsed and another process took the row over). A stale claim is settled by taking
   * it over first, so only one process ever decides its fate.
   */
  settle(
    key: DeliveryKey,
    owner: DeliveryOwner,
    state: Exclude<DeliveryState, 'claimed'>,
    now: Date,
    note?: string,
  ): Promise<boolean>;
  /** Records a period as skipped without posting; false when it already had a row. */
  skip(key: DeliveryKey, owner: DeliveryOwner, now: Date, note: string): Promise<boolean>;
  /** `claimed` rows whose lease ended before `now`, or all `claimed` rows with `all`. */
  openClaims(now: Date, options?: { all?: boolean }): Promise<Delivery[]>;
  /** Deletes settled rows claimed before `before`; returns how many. Open claims are kept. */
  prune(before: Date): Promise<number>;
  /** The latest deliveries of a channel, newest period first (for `/digest list`). */
  recent(
    platform: Subscription['platform'],
    channelId: string,
    limit?: number,
  ): Promise<Delivery[]>;
}
