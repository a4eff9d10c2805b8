import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackAdapter,
  type SlackAdapter,
} from '../../../src/adapters/slack/slack-adapter.ts';
import { type FakeSlack, startFakeSlack } from '../../fakes/fake-slack.ts';
import { briefReply, testCore } from './fixtures.ts';

const BOT_TOKEN = 'xoxb-test-token';

describe('Slack publish() through chat.postMessage', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  const core = testCore();

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    adapter = createSlackAdapter({
      botToken: BOT_TOKEN,
      signingSecret: 'secret',
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      registry: core.registry,
      dispatch: core.dispatch,
      log: core.log,
      // One retry, at once: enough to honour a 429 and bounded so a test cannot hang.
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 1 },
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('posts the rendered blocks to the channel with the bot token', async () => {
    await adapter.publish('C0009', briefReply('idlib'));
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post?.args).toMatchObject({
      channel: 'C0009',
      text: 'Briefing: idlib',
      unfurl_links: 'false',
    });
    const blocks = post?.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'section',
    ]);
    expect(blocks[2]?.text?.text).toContain('&lt;!channel&gt;');
  });

  it('finds a posted digest by its period marker in the channel history, and only that one', async () => {
    await adapter.publish('C0042', {
      title: 'Digest: idlib',
      blocks: [{ type: 'text', text: 'Nothing new on idlib. nb-digest:2026-11-24' }],
    });
    expect(await adapter.findDigest?.('C0042', 'nb-digest:2026-11-24')).toBe(true);
    expect(await adapter.findDigest?.('C0042', 'nb-digest:2026-11-25')).toBe(false);
    expect(await adapter.findDigest?.('C0043', 'nb-digest:2026-11-24')).toBe(false);
  });

  it('posts a long reply as several messages in order', async () => {
    const before = fake.calls.length;
    await adapter.publish('C0010', {
      title: 'Digest',
      blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `item ${i}` })),
    });
    const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts.map((p) => (p.args.blocks as unknown[]).length)).toEqual([50, 11]);
    expect(posts[1]?.args.text).toBe('Digest (continued 2/2)');
  });

  it('waits as long as a 429 Retry-After says, then succeeds', async () => {
    const before = fake.calls.length;
    fake.rateLimit('chat.postMessage', 1, 1);
    await adapter.publish('C0011', briefReply('retry'));
    const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    const [first, second] = posts;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('gives up after its bounded retries when Slack keeps refusing', async () => {
    const before = fake.calls.length;
    fake.rateLimit('chat.postMessage', 1, 5);
    await expect(adapter.publish('C0012', briefReply('never'))).rejects.toThrow(/rate limit/i);
    const posts = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(2);
    fake.rateLimit('chat.postMessage', 0, 0);
  });

  it('refuses to start with a token Slack rejects, saying which setting to fix', async () => {
    const bad = createSlackAdapter({
      botToken: 'xoxb-wrong',
      signingSecret: 'secret',
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      registry: core.registry,
      dispatch: core.dispatch,
      log: core.log,
      retryConfig: { retries: 0 },
    });
    await expect(bad.start()).rejects.toThrow(
      /SLACK_BOT_TOKEN.*invalid_auth|invalid_auth.*SLACK_BOT_TOKEN/,
    );
  });
});
