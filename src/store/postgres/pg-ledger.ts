import type { Pool } from 'pg';
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

const KEY = 'platform = $1 AND channel_id = $2 AND period = $3';
const keyParams = (k: DeliveryKey) => [k.platform, k.channelId, k.period];
const leaseEnd = (now: Date, leaseMs: number) => new Date(now.getTime() + leaseMs).toISOString();

/**
 * The delivery ledger in PostgreSQL. Each method is one statement, so the claim is the INSERT's
 * unique key and every later move a compare-and-set on the owner: under READ COMMITTED a second
 * UPDATE of the same row waits for the first, re-reads it, and finds the owner changed. Several
 * processes on one database never both win a period, as with SQLite's single writer.
 */
export class PgLedger implements DeliveryLedger {
  constructor(private readonly pool: Pool) {}

  async #changed(sql: string, params: unknown[]): Promise<boolean> {
    return (await this.pool.query(sql, params)).rowCount === 1;
  }

  async get(key: DeliveryKey): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM digest_deliveries WHERE ${KEY}`,
      keyParams(key),
    );
    return rows[0] && toDelivery(rows[0]);
  }

  #insert(key: DeliveryKey, o: ClaimOptions, state: DeliveryState, note?: string) {
    return this.#changed(
      `INSERT INTO digest_deliveries (platform, channel_id, period, state, owner, owner_host,
         owner_pid, claimed_at, lease_until, since, done_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (platform, channel_id, period) DO NOTHING`,
      [
        ...keyParams(key),
        state,
        o.owner.id,
        o.owner.host,
        o.owner.pid,
        o.now.toISOString(),
        leaseEnd(o.now, o.leaseMs),
        o.since ?? null,
        state === 'claimed' ? null : o.now.toISOString(),
        note ?? null,
      ],
    );
  }

  claim(key: DeliveryKey, options: ClaimOptions): Promise<boolean> {
    return this.#insert(key, options, 'claimed');
  }

  takeOver(key: DeliveryKey, from: DeliveryOwner, o: ClaimOptions): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_deliveries SET owner = $5, owner_host = $6, owner_pid = $7, claimed_at = $8,
         lease_until = $9, attempts = attempts + 1
       WHERE ${KEY} AND state = 'claimed' AND owner = $4`,
      [
        ...keyParams(key),
        from.id,
        o.owner.id,
        o.owner.host,
        o.owner.pid,
        o.now.toISOString(),
        leaseEnd(o.now, o.leaseMs),
      ],
    );
  }

  renew(key: DeliveryKey, owner: DeliveryOwner, now: Date, leaseMs: number): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_deliveries SET lease_until = $5 WHERE ${KEY} AND state = 'claimed' AND owner = $4`,
      [...keyParams(key), owner.id, leaseEnd(now, leaseMs)],
    );
  }

  settle(
    key: DeliveryKey,
    owner: DeliveryOwner,
    state: Exclude<DeliveryState, 'claimed'>,
    now: Date,
    note?: string,
  ): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_deliveries SET state = $5, done_at = $6, note = $7
       WHERE ${KEY} AND state = 'claimed' AND owner = $4`,
      [...keyParams(key), owner.id, state, now.toISOString(), note ?? null],
    );
  }

  skip(key: DeliveryKey, owner: DeliveryOwner, now: Date, note: string): Promise<boolean> {
    return this.#insert(key, { owner, now, leaseMs: 0 }, 'skipped', note);
  }

  async openClaims(now: Date, options: { all?: boolean } = {}): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM digest_deliveries WHERE state = 'claimed' AND ($1 > lease_until OR $2)
       ORDER BY claimed_at`,
      [now.toISOString(), Boolean(options.all)],
    );
    return rows.map(toDelivery);
  }

  async prune(before: Date): Promise<number> {
    const result = await this.pool.query(
      "DELETE FROM digest_deliveries WHERE state != 'claimed' AND claimed_at < $1",
      [before.toISOString()],
    );
    return result.rowCount ?? 0;
  }

  async recent(
    platform: Subscription['platform'],
    channelId: string,
    limit = 5,
  ): Promise<Delivery[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT * FROM digest_deliveries WHERE platform = $1 AND channel_id = $2
       ORDER BY period DESC LIMIT $3`,
      [platform, channelId, limit],
    );
    return rows.map(toDelivery);
  }
}
