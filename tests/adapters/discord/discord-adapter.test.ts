import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { DISCORD_LIMITS, renderDiscord } from '../../../src/adapters/discord/render.ts';
import type { DigestAdapter } from '../../../src/schedule/digest-adapter.ts';
import {
  FakeDiscord,
  type FakeRestCall,
  rateLimited,
  type SentInteraction,
} from '../../fakes/fake-discord.ts';
import { createTestBed, longReply, type TestBed } from './test-commands.ts';

interface SentMessage {
  content?: string;
  embeds?: { title?: string; description?: string }[];
  allowed_mentions?: { parse?: string[] };
}

const messageOf = (call: FakeRestCall | undefined) => call?.body as SentMessage;

function embedChars(m: SentMessage): number {
  return (m.embeds ?? []).reduce(
    (n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0),
    0,
  );
}

describe('Discord adapter end to end: real discord.js against a fake Discord', () => {
  let fake: FakeDiscord;
  let bed: TestBed;
  let adapter: DigestAdapter;

  beforeAll(async () => {
    fake = await new FakeDiscord().listen();
    bed = createTestBed(() => fake.callsTo('POST', /\/callback$/).length);
    adapter = createDiscordAdapter({
      token: fake.token,
      apiUrl: fake.apiUrl,
      registry: bed.registry,
      dispatch: bed.dispatch,
      log: pino({ level: 'silent' }),
    });
    await adapter.start();
  });

  afterAll(async () => {
    bed?.slowGate.open();
    await adapter?.stop();
    await fake?.close();
  });

  const echo = async (text: string) => {
    const sent = fake.sendInteraction({ name: 'echo', options: { text } });
    return messageOf(await reply(sent)).content;
  };

  const reply = (sent: SentInteraction) =>
    fake.waitFor(() => fake.editOf(sent), 5000, `the reply to ${sent.id}`);

  it('logs in with the token over the gateway and identifies with the Guilds intent', () => {
    const [identify] = fake.framesOf(2);
    const d = identify?.d as { token: string; intents: number };
    expect(d.token).toBe(fake.token);
    expect(d.intents & 1).toBe(1);
    expect(fake.callsTo('GET', /^\/gateway\/bot$/)[0]?.authorization).toBe(`Bot ${fake.token}`);
  });

  it('defers (type 5) before the command starts its work, then edits @original with the reply', async () => {
    const sent = fake.sendInteraction({ name: 'slow' });
    const defer = await fake.waitFor(() => fake.deferOf(sent), 5000, 'the defer');
    await fake.waitFor(() => bed.slowStarts.length === 1, 5000, 'the run to start');
    // The run saw the defer already at the fake, and nothing was posted while it waited.
    expect(bed.slowStarts[0]).toBeGreaterThanOrEqual(1);
    expect(fake.editOf(sent)).toBeUndefined();
    bed.slowGate.open();
    const edit = await reply(sent);
    expect(defer.at).toBeLessThan(edit.at);
    const body = messageOf(edit);
    expect(body.embeds?.[0]?.title).toBe('Slow');
    expect(body.embeds?.[0]?.description).toBe('slow work done');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('passes typed options and subcommands through to the command with channel and guild', async () => {
    const sent = fake.sendInteraction({
      name: 'digest',
      subcommand: 'subscribe',
      options: { time: '08:00', timezone: 'Europe/Istanbul', topics: 'idlib syria' },
    });
    expect(messageOf(await reply(sent)).content).toBe(
      `subscribed ${fake.channelId} in ${fake.guildId} at 08:00 Europe/Istanbul on idlib syria`,
    );
  });

  it('defers a private command (flag 64, ephemeral) and a public one without flags', async () => {
    const priv = fake.sendInteraction({ name: 'digest', subcommand: 'list' });
    const pub = fake.sendInteraction({ name: 'echo', options: { text: 'hi' } });
    const privDefer = await fake.waitFor(() => fake.deferOf(priv), 5000, 'the private defer');
    const pubDefer = await fake.waitFor(() => fake.deferOf(pub), 5000, 'the public defer');
    expect((privDefer.body as { data?: { flags?: number } }).data?.flags).toBe(64);
    expect((pubDefer.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    expect(messageOf(await reply(priv)).content).toBe('none yet');
  });

  it('splits a long reply into several messages within Discord limits, all mention-safe', async () => {
    const sent = fake.sendInteraction({ name: 'long' });
    const expected = renderDiscord(longReply()).length;
    // 90 points plus quotes and sources: more than one message's 6,000 characters.
    expect(expected).toBeGreaterThanOrEqual(2);
    const first = await reply(sent);
    const followUps = await fake.waitFor(() => {
      const f = fake.followUpsOf(sent);
      return f.length >= expected - 1 ? f : undefined;
    });
    const all = [first, ...followUps].map(messageOf);
    expect(all).toHaveLength(expected);
    for (const m of all) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(m.embeds?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      expect(embedChars(m)).toBeLessThanOrEqual(DISCORD_LIMITS.totalPerMessage);
      for (const e of m.embeds ?? []) {
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      }
    }
    const text = all
      .flatMap((m) => m.embeds ?? [])
      .map((e) => e.description ?? '')
      .join('\n');
    for (let i = 0; i < 90; i++) expect(text).toContain(`Point ${i}:`);
    expect(text).not.toMatch(/@everyone|<@123>/);
  });

  it('answers an unknown command, an over-long option and a failing command with a clear reply', async () => {
    const unknown = fake.sendInteraction({ name: 'nope' });
    const long = fake.sendInteraction({ name: 'echo', options: { text: 'x'.repeat(12_001) } });
    const boom = fake.sendInteraction({ name: 'boom' });
    expect(messageOf(await reply(unknown)).content).toMatch(/Unknown command "\/nope"/);
    expect(messageOf(await reply(long)).content).toMatch(
      /12001 characters long; the limit is 12000/,
    );
    expect(messageOf(await reply(boom)).content).toMatch(
      /Sorry, something went wrong .*reference [0-9a-f]{8}/,
    );
  });

  it('echoes emoji and right-to-left text unchanged, with mentions neutralised', async () => {
    const text = 'مرحبا بالعالم 👩🏽‍💻 @everyone <@&456>';
    const sent = fake.sendInteraction({ name: 'echo', options: { text } });
    const content = messageOf(await reply(sent)).content ?? '';
    expect(content).toContain('مرحبا بالعالم 👩🏽‍💻');
    expect(content).not.toContain('@everyone');
    expect(content).not.toContain('<@&456>');
  });

  it('answers 100 commands sent at once, each with its own reply', async () => {
    const sent = Array.from({ length: 100 }, (_, i) =>
      fake.sendInteraction({ name: 'echo', options: { text: `message ${i}` } }),
    );
    await fake.waitFor(() => sent.every((s) => fake.editOf(s)), 20_000, '100 replies');
    sent.forEach((s, i) => {
      expect(fake.deferOf(s)).toBeDefined();
      expect(messageOf(fake.editOf(s)).content).toBe(`message ${i}`);
    });
  });

  it('publishes to a channel (scheduled digests) with allowed mentions off, retrying a 429', async () => {
    fake.faults.set(`/channels/${fake.channelId}/messages`, rateLimited(0.05));
    const before = fake.callsTo('POST', /\/channels\/\d+\/messages$/).length;
    await adapter.publish(fake.channelId, {
      title: 'Morning digest',
      blocks: [{ type: 'text', text: 'All quiet @here.' }],
    });
    const posts = fake.callsTo('POST', /\/channels\/\d+\/messages$/).slice(before);
    expect(posts).toHaveLength(2);
    const body = messageOf(posts[1]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds?.[0]?.title).toBe('Morning digest');
    expect(body.embeds?.[0]?.description).toBe('All quiet @\u200bhere.');
  });

  it('finds a posted digest by its period marker, and only that one (crash recovery)', async () => {
    await adapter.publish(fake.channelId, {
      title: 'Digest: idlib',
      blocks: [{ type: 'text', text: 'Nothing new on idlib. nb-digest:2026-11-24' }],
    });
    expect(await adapter.findDigest?.(fake.channelId, 'nb-digest:2026-11-24')).toBe(true);
    expect(await adapter.findDigest?.(fake.channelId, 'nb-digest:2026-11-25')).toBe(false);
  });

  it('does no work for an interaction Discord no longer knows (defer refused with 10062)', async () => {
    const starts = bed.slowStarts.length;
    const sent = fake.sendInteraction({ name: 'slow' });
    fake.faults.set(`/interactions/${sent.id}/`, {
      remaining: 1,
      status: 404,
      body: { message: 'Unknown interaction', code: 10062 },
    });
    await fake.waitFor(() => fake.callsTo('POST', new RegExp(`^/interactions/${sent.id}/`))[0]);
    expect(await echo('still answering')).toBe('still answering');
    expect(bed.slowStarts).toHaveLength(starts);
    expect(fake.editOf(sent)).toBeUndefined();
  });

  it('retries a rate-limited defer and still answers', async () => {
    fake.faults.set('/interactions/', rateLimited(0.05));
    expect(await echo('after a 429')).toBe('after a 429');
    expect(fake.faults.get('/interactions/')?.remaining).toBe(0);
  });

  it('refuses to publish to a channel the bot cannot see', async () => {
    await expect(adapter.publish('123456789012345678', { blocks: [] })).rejects.toThrow();
  });
});
