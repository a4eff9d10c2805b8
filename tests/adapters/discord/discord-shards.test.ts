import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import type { Request } from '../../../src/core/dispatch.ts';
import type { DigestAdapter } from '../../../src/schedule/digest-adapter.ts';
import { FakeDiscord, type FakeGuild, shardOf } from '../../fakes/fake-discord.ts';
import { createTestBed } from './test-commands.ts';

const COUNT = 4;

/** One bot "process": an adapter serving some shards, its requests and its log lines. */
interface Bot {
  shards: number[];
  adapter: DigestAdapter;
  requests: Request[];
  logs: Record<string, unknown>[];
}

describe('Discord shards: two clients with two shards each out of 4, real discord.js', () => {
  let fake: FakeDiscord;
  let guilds: FakeGuild[];
  const bots: Bot[] = [];

  function bot(shards: number[]): Bot {
    const bed = createTestBed();
    const requests: Request[] = [];
    const logs: Record<string, unknown>[] = [];
    const adapter = createDiscordAdapter({
      token: fake.token,
      apiUrl: fake.apiUrl,
      shards: { ids: shards, count: COUNT },
      registry: bed.registry,
      dispatch: (request) => {
        requests.push(request);
        return bed.dispatch(request);
      },
      log: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
    });
    return { shards, adapter, requests, logs };
  }

  const owner = (guildId: string) =>
    bots.find((b) => b.shards.includes(shardOf(guildId, COUNT))) as Bot;

  beforeAll(async () => {
    // max_concurrency above the shard count: no 5 s wait between one client's IDENTIFYs.
    fake = await new FakeDiscord({ recommendedShards: COUNT, maxConcurrency: 16 }).listen();
    for (let shard = 0; shard < COUNT; shard++) {
      fake.addGuild([shard, COUNT]);
      fake.addGuild([shard, COUNT]);
    }
    guilds = fake.guilds;
    bots.push(bot([0, 1]), bot([2, 3]));
    await Promise.all(bots.map((b) => b.adapter.start()));
  });

  afterAll(async () => {
    for (const b of bots) await b.adapter.stop();
    await fake?.close();
  });

  it('identifies each shard once, with shard [id, 4]', () => {
    const identified = fake
      .framesOf(2)
      .map((f) => (f.d as { shard: [number, number] }).shard)
      .sort((a, b) => a[0] - b[0]);
    expect(identified).toEqual([
      [0, COUNT],
      [1, COUNT],
      [2, COUNT],
      [3, COUNT],
    ]);
  });

  it("sees only its own shards' guilds and is ready on every shard it serves", () => {
    for (const b of bots) {
      const ready = b.logs.find((l) => l.msg === 'discord ready');
      const mine = guilds.filter((g) => b.shards.includes(shardOf(g.id, COUNT)));
      expect(ready).toMatchObject({ shards: b.shards, shardCount: COUNT, guilds: mine.length });
      expect(mine.length).toBeGreaterThanOrEqual(4);
      expect(b.adapter.ready()).toBe(true);
    }
  });

  it("answers every guild's command exactly once, in the client that serves its shard", async () => {
    const sent = guilds.map((g) => ({
      guild: g,
      interaction: fake.sendInteraction({
        name: 'echo',
        guildId: g.id,
        options: { text: `hello ${g.id}` },
      }),
    }));
    await fake.waitFor(() => sent.every((s) => fake.editOf(s.interaction)), 10_000, 'replies');
    // Anything sent twice would have arrived by now too.
    await new Promise((r) => setTimeout(r, 100));
    for (const { guild, interaction } of sent) {
      expect(interaction.shard).toBe(shardOf(guild.id, COUNT));
      expect(fake.callsTo('POST', new RegExp(`^/interactions/${interaction.id}/`))).toHaveLength(1);
      expect((fake.editOf(interaction)?.body as { content?: string } | undefined)?.content).toBe(
        `hello ${guild.id}`,
      );
      const answeredBy = bots.filter((b) =>
        b.requests.some((r) => r.command.args.text === `hello ${guild.id}`),
      );
      expect(answeredBy).toEqual([owner(guild.id)]);
      const request = owner(guild.id).requests.find((r) => r.workspaceId === guild.id);
      expect(request?.channelId).toBe(guild.channelId);
    }
  });

  it("posts a digest to a channel whose guild is on another client's shard, through REST", async () => {
    const [a] = bots as [Bot, Bot];
    const elsewhere = guilds.find((g) => !a.shards.includes(shardOf(g.id, COUNT))) as FakeGuild;
    await a.adapter.publish(elsewhere.channelId, {
      title: 'Digest',
      blocks: [{ type: 'text', text: 'Morning news. nb-digest:2026-11-25' }],
    });
    const posts = fake.callsTo('POST', new RegExp(`^/channels/${elsewhere.channelId}/messages$`));
    expect(posts).toHaveLength(1);
    expect(await a.adapter.findDigest?.(elsewhere.channelId, 'nb-digest:2026-11-25')).toBe(true);
  });

  it('stops being ready when one of its shards is disconnected for good', async () => {
    const [a, b] = bots as [Bot, Bot];
    // 4004: authentication failed, which the client never reconnects from.
    fake.dropConnection(4004, 3);
    await fake.waitFor(() => !b.adapter.ready(), 5000, 'shard 3 down');
    expect(a.adapter.ready()).toBe(true);
  });
});
