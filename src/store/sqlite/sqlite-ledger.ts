import type Database from 'better-sqlite3';
import type {
  ClaimOptions,
  Delivery,
  DeliveryKey,
  DeliveryLedger,
  DeliveryOwner,
  DeliveryState,
} from '../delivery-ledger.ts';
import { type DeliveryRow, toDelivery } from '../sql-rows.ts';
import type { Subscription } from '../store.ts';

const KEY = 'platform = @platform AND channel_id = @channelId AND period = @period';

/**
 * The delivery ledger in the store's SQLite file. Each method is a single statement: SQLite
 * serialises writers across processes (WAL, and the store's `busy_timeout` makes a second process
 * wait instead of failing), so "INSERT … ON CONFLICT DO NOTHING" has exactly one winner.
 */
export class SqliteLedger implements DeliveryLedger {
  /** On the store's connection, which set the busy timeout: built by `SqliteStore` only. */
  constructor(private readonly db: Database.Database) {}

  async get(key: DeliveryKey): Promise<Delivery | undefined> {
    const row = this.db
      .prepare<DeliveryKey, DeliveryRow>(`SELECT * FROM digest_deliveries WHERE ${KEY}`)
      .get(key);
    return row ? toDelivery(row) : undefined;
  }

  #insert(key: DeliveryKey, o: ClaimOptions, state: DeliveryState, note?: string): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO digest_deliveries (platform, channel_id, period, state, owner, owner_host, owner_pid,
             claimed_at, lease_until, since, done_at, note)
           VALUES (@platform, @channelId, @period, @state, @owner, @host, @pid, @now, @leaseUntil, @since,
             @doneAt, @note)
           ON CONFLICT (platform, channel_id, period) DO NOTHING`,
        )
        .run({
          ...key,
          state,
          owner: o.owner.id,
          host: o.owner.host,
          pid: o.owner.pid,
          now: o.now.toISOString(),
          leaseUntil: new Date(o.now.getTime() + o.leaseMs).toISOString(),
          since: o.since ?? null,
          doneAt: state === 'claimed' ? null : o.now.toISOString(),
          note: note ?? null,
        }).changes === 1
    );
  }

  async claim(key: DeliveryKey, options: ClaimOptions): Promise<boolean> {
    return this.#insert(key, options, 'claimed');
  }

  async takeOver(key: DeliveryKey, from: DeliveryOwner, o: ClaimOptions): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE digest_deliveries SET owner = @owner, owner_host = @host, owner_pid = @pid,
             claimed_at = @now, lease_until = @leaseUntil, attempts = attempts + 1
           WHERE ${KEY} AND state = 'claimed' AND owner = @from`,
        )
        .run({
          ...key,
          from: from.id,
          owner: o.owner.id,
          host: o.owner.host,
          pid: o.owner.pid,
          now: o.now.toISOString(),
          leaseUntil: new Date(o.now.getTime() + o.leaseMs).toISOString(),
        }).changes === 1
    );
  }

  async renew(key: DeliveryKey, owner: DeliveryOwner, now: Date, leaseMs: number) {
    return (
      this.db
        .prepare(
          `UPDATE digest_deliveries SET lease_until = @leaseUntil
           WHERE ${KEY} AND state = 'claimed' AND owner = @owner`,
        )
        .run({
          ...key,
          owner: owner.id,
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        }).changes === 1
    );
  }

  async settle(
    key: DeliveryKey,
    owner: DeliveryOwner,
    state: Exclude<DeliveryState, 'claimed'>,
    now: Date,
    note?: string,
  ): Promise<boolean> {
    return (
      this.db
        .prepare(
          `UPDATE digest_deliveries SET state = @state, done_at = @now, note = @note
           WHERE ${KEY} AND state = 'claimed' AND owner = @owner`,
        )
        .run({ ...key, owner: owner.id, state, now: now.toISOString(), note: note ?? null })
        .changes === 1
    );
  }

  async skip(key: DeliveryKey, owner: DeliveryOwner, now: Date, note: string): Promise<boolean> {
    return this.#insert(key, { owner, now, leaseMs: 0 }, 'skipped', note);
  }

  async openClaims(now: Date, options: { all?: boolean } = {}): Promise<Delivery[]> {
    return this.db
      .prepare<[string, number], DeliveryRow>(
        `SELECT * FROM digest_deliveries WHERE state = 'claimed' AND (? > lease_until OR ?)
         ORDER BY claimed_at`,
      )
      .all(now.toISOString(), options.all ? 1 : 0)
      .map(toDelivery);
  }

  async prune(before: Date): Promise<number> {
    return this.db
      .prepare("DELETE FROM digest_deliveries WHERE state != 'claimed' AND claimed_at < ?")
      .run(before.toISOString()).changes;
  }

  async recent(platform: Subscription['platform'], channelId: string, limit = 5) {
    return this.db
      .prepare<[string, string, number], DeliveryRow>(
        `SELECT * FROM digest_deliveries WHERE platform = ? AND channel_id = ?
         ORDER BY period DESC LIMIT ?`,
      )
      .all(platform, channelId, limit)
      .map(toDelivery);
  }
}
