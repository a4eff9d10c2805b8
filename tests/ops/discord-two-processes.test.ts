import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { SAMPLES } from '../../src/paths.ts';
import { openStore } from '../../src/store/open-store.ts';
import { FakeDiscord, type SentInteraction, shardOf } from '../fakes/fake-discord.ts';
import { createTestDatabase, postgresUrl } from '../store/postgres-databases.ts';
import { type BotProcess, startBotProcess, until } from './bot-process.ts';
import { sampleValue } from './prometheus-text.ts';

const COUNT = 4;
const SHARDS = [
  [0, 1],
  [2, 3],
];
const dir = mkdtempSync(join(tmpdir(), 'newsbrief-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `HH:MM` in UTC a few minutes ago: a digest due now, late well within the catch-up window. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().slice(11, 16);
}

/**
 * Whether `/readyz` answers 200. A refused or reset connection is "not yet" (a keep-alive socket
 * the server dropped while its loop was busy), unless the process has exited.
 */
async function isReady(bot: BotProcess, base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/readyz`)).status === 200;
  } catch (error) {
    if (bot.child.exitCode !== null || bot.child.signalCode !== null) {
      throw new Error(`the bot exited: ${bot.rawStderr.join('\n')}`, { cause: error });
    }
    return false;
  }
}

const stores = [
  { name: 'SQLite (one file)', skip: false },
  { name: 'PostgreSQL', skip: !postgresUrl },
];

describe.each(stores)(
  'two bot processes, shards 0,1 and 2,3 of 4, on one $name store',
  ({ name, skip }) => {
    let fake: FakeDiscord;
    let storeEnv: Record<string, string>;
    let dropDatabase: (() => Promise<void>) | undefined;
    const bots: BotProcess[] = [];
    const bases: string[] = [];

    beforeAll(async () => {
      if (skip) return;
      // max_concurrency above the shard count: no 5 s wait between a process's two IDENTIFYs.
      fake = await new FakeDiscord({ recommendedShards: COUNT, maxConcurrency: 16 }).listen();
      for (let shard = 0; shard < COUNT; shard++) {
        fake.addGuild([shard, COUNT]);
        fake.addGuild([shard, COUNT]);
      }
      if (name === 'PostgreSQL') {
        const db = await createTestDatabase();
        storeEnv = { DATABASE_URL: db.url };
        dropDatabase = db.drop;
      } else {
        storeEnv = { NEWSBRIEF_DB: join(dir, 'shared.db') };
      }
      // One store, migrated and holding the sample and every channel's subscription, due now.
      const store = await openStore({
        NEWSBRIEF_DB: storeEnv.NEWSBRIEF_DB ?? join(dir, 'unused.db'),
        DATABASE_URL: storeEnv.DATABASE_URL,
      });
      try {
        await ingestPaths([SAMPLES], { store, log: pino({ level: 'silent' }) });
        for (const guild of fake.guilds) {
          await store.putSubscription({
            platform: 'discord',
            channelId: guild.channelId,
            time: minutesAgo(3),
            timezone: 'UTC',
            topics: [],
            createdBy: 'test',
            createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          });
        }
      } finally {
        await store.close();
      }
      // Both at once, as a deployment starts its replicas.
      for (const shards of SHARDS) {
        bots.push(
          startBotProcess(
            {
              ...storeEnv,
              DISCORD_TOKEN: fake.token,
              DISCORD_API_URL: fake.apiUrl,
              DISCORD_SHARDS: shards.join(','),
              DISCORD_SHARD_COUNT: String(COUNT),
              PORT: '0',
              LOG_LEVEL: 'info',
            },
            { cwd: dir, lifetimeMs: 240_000 },
          ),
        );
      }
      for (const bot of bots) {
        const { port } = await bot.waitForLog('serving GET /healthz, /readyz and /metrics', 90_000);
        bases.push(`http://127.0.0.1:${port}`);
      }
      // Ready: every shard of the process connected, the digest catch-up tick done.
      for (const [i, base] of bases.entries()) {
        await until(() => isReady(bots[i] as BotProcess, base), 90_000, `${base}/readyz`);
      }
    }, 240_000);

    afterAll(async () => {
      for (const bot of bots) await bot.stop();
      await fake?.close();
      await dropDatabase?.();
    });

    const metricsOf = async (i: number) => (await fetch(`${bases[i]}/metrics`)).text();

    it.skipIf(skip)('each process identifies its own two shards', () => {
      const identified = fake
        .framesOf(2)
        .map((f) => (f.d as { shard: [number, number] }).shard)
        .sort((a, b) => a[0] - b[0]);
      expect(identified).toEqual([0, 1, 2, 3].map((id) => [id, COUNT]));
      for (const [i, bot] of bots.entries()) {
        const ready = bot.logs.find((l) => l.msg === 'discord ready');
        const mine = fake.guilds.filter((g) => SHARDS[i]?.includes(shardOf(g.id, COUNT)));
        expect(ready).toMatchObject({ shards: SHARDS[i], shardCount: COUNT, guilds: mine.length });
      }
    });

    it.skipIf(skip)(
      "answers every guild's command exactly once, in the process serving its shard",
      async () => {
        const sent: SentInteraction[] = fake.guilds.map((g) =>
          fake.sendInteraction({ name: 'help', guildId: g.id }),
        );
        await fake.waitFor(() => sent.every((s) => fake.editOf(s)), 60_000, 'every reply');
        await new Promise((r) => setTimeout(r, 200));
        for (const s of sent) {
          expect(fake.callsTo('POST', new RegExp(`^/interactions/${s.id}/`))).toHaveLength(1);
          expect(fake.callsTo('PATCH', new RegExp(`/${s.token}/messages/@original$`))).toHaveLength(
            1,
          );
        }
        const help = { command: 'help', platform: 'discord', outcome: 'ok' };
        for (const i of [0, 1]) {
          const mine = sent.filter((s) => SHARDS[i]?.includes(s.shard));
          expect(mine.length).toBeGreaterThanOrEqual(4);
          expect(sampleValue(await metricsOf(i), 'newsbrief_commands_total', help)).toBe(
            mine.length,
          );
        }
      },
      90_000,
    );

    it.skipIf(skip)(
      "posts every channel's due digest once, whichever process's shard its guild is on",
      async () => {
        const digestsIn = (channelId: string) =>
          fake
            .callsTo('POST', new RegExp(`^/channels/${channelId}/messages$`))
            .filter((c) => JSON.stringify(c.body).includes('nb-digest:'));
        await fake.waitFor(
          () => fake.guilds.every((g) => digestsIn(g.channelId).length >= 1),
          60_000,
          'a digest in every channel',
        );
        // A second post would come from the other process's own catch-up tick, long done.
        await new Promise((r) => setTimeout(r, 500));
        for (const g of fake.guilds) expect(digestsIn(g.channelId)).toHaveLength(1);
        const posted = await Promise.all(
          [0, 1].map(
            async (i) =>
              sampleValue(await metricsOf(i), 'newsbrief_digests_posted_total', {
                platform: 'discord',
              }) ?? 0,
          ),
        );
        expect(posted[0] + posted[1]).toBe(fake.guilds.length);
      },
      90_000,
    );

    it.skipIf(skip)('stops cleanly on SIGTERM', async () => {
      for (const bot of bots) expect(await bot.stop()).toBe(0);
    });
  },
);
