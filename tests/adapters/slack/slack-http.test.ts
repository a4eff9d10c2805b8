import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackAdapter,
  type SlackAdapter,
} from '../../../src/adapters/slack/slack-adapter.ts';
import {
  type FakeSlack,
  postSlashCommand,
  type ResponsePost,
  slashCommandBody,
  startFakeSlack,
} from '../../fakes/fake-slack.ts';
import { testCore } from './fixtures.ts';

const SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';

describe('Slack adapter over HTTP, real Bolt app against a fake Slack', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let eventsUrl: string;
  const logs: { level: number; msg: string; [key: string]: unknown }[] = [];
  const core = testCore({
    log: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
  });
  const acks: number[] = [];
  let next = 0;

  /** Sends `/command text` with its own response_url; returns the ack and a way to await the answers. */
  async function send(command: string, text: string, extra: Record<string, string> = {}) {
    next += 1;
    const id = `r${next}`;
    const fields = {
      ...slashCommandBody({ command, text, responseUrl: fake.responseUrl(id) }),
      ...extra,
    };
    const ack = await postSlashCommand(eventsUrl, SECRET, fields);
    return { id, ack, answers: (count = 1) => answersFor(id, count) };
  }

  async function answersFor(id: string, count: number): Promise<ResponsePost[]> {
    const started = Date.now();
    for (;;) {
      const mine = fake.responses.filter((r) => r.id === id);
      if (mine.length >= count) return mine;
      if (Date.now() - started > 10_000) throw new Error(`no response for ${id}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    adapter = createSlackAdapter({
      botToken: BOT_TOKEN,
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      registry: core.registry,
      dispatch: core.dispatch,
      log: core.log,
      retryConfig: { retries: 0 },
      onAck: (ms) => acks.push(ms),
    });
    await adapter.start();
    eventsUrl = `http://127.0.0.1:${adapter.port}/slack/events`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('verifies the bot token with auth.test at start', () => {
    const auth = fake.calls.filter((c) => c.method === 'auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('acks at once with an empty body, then responds in channel with Block Kit', async () => {
    const { ack, answers } = await send('/brief', 'idlib');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    const [answer, ...more] = await answers();
    expect(more).toHaveLength(0);
    const body = answer?.body as {
      response_type: string;
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    expect(body.response_type).toBe('in_channel');
    expect(body.text).toBe('Briefing: idlib');
    expect(body.blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'section',
    ]);
    expect(body.blocks[0]?.text).toEqual({
      type: 'plain_text',
      text: 'Briefing: idlib',
      emoji: true,
    });
    const mrkdwn = body.blocks.slice(1).map((b) => b.text?.text ?? '');
    expect(mrkdwn[1]).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt; [1]');
    expect(mrkdwn[2]).toMatch(/^> “We will not allow &lt;!here&gt; provocations”/);
    expect(mrkdwn[3]).toContain(
      '<https://news.example/a?x=1&amp;y=2|Idlib &amp; the &lt;truce&gt;>',
    );
    expect(JSON.stringify(body)).not.toMatch(/<[!@]/);
    const run = core.seen.runs.at(-1);
    expect(run).toMatchObject({
      command: 'brief',
      args: { topic: 'idlib' },
      channelId: 'C0001',
      userId: 'U0001',
      workspaceId: 'T0001',
    });
  });

  it('acks before the command finishes its slow work', async () => {
    let release = () => {};
    core.gates.slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { id, ack } = await send('/slow', '');
    expect(ack.status).toBe(200);
    // The ack is back while the command is still waiting: nothing answered yet.
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.responses.filter((r) => r.id === id)).toHaveLength(0);
    release();
    const [answer] = await answersFor(id, 1);
    expect(JSON.stringify(answer?.body)).toContain('done at last');
    core.gates.slow = Promise.resolve();
  });

  it('parses subcommands and their options from the text', async () => {
    const { answers } = await send('/digest', 'subscribe 08:00 Europe/Istanbul idlib syria', {
      channel_id: 'C0042',
    });
    const [answer] = await answers();
    expect(answer?.body).toMatchObject({
      response_type: 'in_channel',
      text: 'Subscribed at 08:00 Europe/Istanbul: idlib syria',
    });
    expect(core.seen.runs.at(-1)).toMatchObject({
      command: 'digest subscribe',
      args: { time: '08:00', timezone: 'Europe/Istanbul', topics: 'idlib syria' },
      channelId: 'C0042',
    });
  });

  it('keeps emoji and right-to-left text intact on the way in and out', async () => {
    const topic = 'سوريا 🇸🇾 إدلب';
    const { answers } = await send('/brief', topic);
    const [answer] = await answers();
    expect(core.seen.runs.at(-1)?.args.topic).toBe(topic);
    expect(answer?.body.text).toBe(`Briefing: ${topic}`);
  });

  it.each([
    ['/brief', '', 'Missing topic.', 'Usage: /brief <topic…>'],
    ['/digest', 'frobnicate', 'Unknown subcommand "frobnicate"', 'Usage: /digest subscribe|list'],
    [
      '/digest',
      'subscribe',
      'Missing time.',
      'Usage: /digest subscribe <time> [timezone] [topics…]',
    ],
    ['/digest', 'list extra words', 'Unexpected extra words: extra words', 'Usage: /digest list'],
    ['/nope', 'x', 'Unknown command "/nope"', ''],
    ['/brief', 'x'.repeat(10_000), 'commands take at most 4000', 'Usage: /brief <topic…>'],
  ])('answers %s %s with a clear ephemeral refusal', async (command, text, message, usage) => {
    const runs = core.seen.runs.length;
    const { ack, answers } = await send(command, text);
    expect(ack.status).toBe(200);
    const [answer] = await answers();
    const body = answer?.body as { response_type: string; blocks: { text?: { text: string } }[] };
    expect(body.response_type).toBe('ephemeral');
    const shown = body.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(shown).toContain(message);
    if (usage) expect(shown).toContain(usage.replace('<', '&lt;').replace('>', '&gt;'));
    expect(core.seen.runs.length).toBe(runs);
  });

  it('answers an unexpected failure with an apology and a reference id', async () => {
    const { answers } = await send('/boom', '');
    const [answer] = await answers();
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer?.body)).toMatch(
      /something went wrong on our side \(reference [0-9a-f]{8}\)/,
    );
  });

  describe('refuses requests that Slack did not sign', () => {
    const fields = () =>
      slashCommandBody({
        command: '/brief',
        text: 'idlib',
        responseUrl: fake.responseUrl('unsigned'),
      });
    const now = () => Math.floor(Date.now() / 1000);

    it.each([
      ['a bad signature', { signature: `v0=${'0'.repeat(64)}` }],
      ['a signature made with another secret', { signature: 'v0=deadbeef' }],
      ['a timestamp over 5 minutes old', { timestamp: now() - 6 * 60 }],
      ['no signature header', { omit: ['x-slack-signature'] }],
      ['no timestamp header', { omit: ['x-slack-request-timestamp'] }],
    ])('%s gets 401 and the handler never runs', async (_name, override) => {
      const runs = core.seen.runs.length;
      const res = await postSlashCommand(eventsUrl, SECRET, fields(), override);
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 30));
      expect(core.seen.runs.length).toBe(runs);
      expect(fake.responses.filter((r) => r.id === 'unsigned')).toHaveLength(0);
    });

    it('accepts the same request when signed with the secret', async () => {
      const res = await postSlashCommand(eventsUrl, SECRET, fields());
      expect(res.status).toBe(200);
      await answersFor('unsigned', 1);
    });
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${adapter.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 100 commands sent at once, each exactly once', async () => {
    const runs = core.seen.runs.length;
    const topics = Array.from({ length: 100 }, (_, i) =>
      i % 10 === 0 ? `مدينة ${i} 🕌` : `topic-${i}`,
    );
    const sent = await Promise.all(topics.map((topic) => send('/brief', topic)));
    expect(sent.every((s) => s.ack.status === 200)).toBe(true);
    const answers = await Promise.all(sent.map((s) => s.answers()));
    for (const [i, [answer]] of answers.entries()) {
      expect(answer?.body.text).toBe(`Briefing: ${topics[i]}`);
    }
    await new Promise((r) => setTimeout(r, 30));
    for (const s of sent) expect(fake.responses.filter((r) => r.id === s.id)).toHaveLength(1);
    expect(core.seen.runs.length - runs).toBe(100);
  });

  it('reports each ack time to onAck, all far inside the 3 seconds Slack allows', () => {
    expect(acks.length).toBeGreaterThanOrEqual(100);
    expect(Math.max(...acks)).toBeLessThan(3000);
  });

  it('sends parts beyond the response_url limit of 5 with chat.postMessage, in order', async () => {
    const before = fake.calls.length;
    const { answers } = await send('/long', '300', { channel_id: 'C0300' });
    const responded = await answers(5);
    expect(responded.map((r) => (r.body.blocks as unknown[]).length)).toEqual([50, 50, 50, 50, 50]);
    const started = Date.now();
    while (fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage').length < 2) {
      if (Date.now() - started > 10_000) throw new Error('overflow parts never posted');
      await new Promise((r) => setTimeout(r, 5));
    }
    const posted = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(posted.map((c) => c.args.channel)).toEqual(['C0300', 'C0300']);
    expect(posted.map((c) => c.args.text)).toEqual([
      'Long (continued 6/7)',
      'Long (continued 7/7)',
    ]);
    const parts = [
      ...responded.map((r) => r.body.blocks),
      ...posted.map((c) => c.args.blocks),
    ].flat() as {
      text?: { text: string };
    }[];
    expect(parts.filter((b) => b.text?.text.startsWith('part '))).toHaveLength(300);
  });

  it('logs a reply it could not deliver, without crashing or retrying forever', async () => {
    const fields = slashCommandBody({
      command: '/brief',
      text: 'idlib',
      responseUrl: fake.responseUrl('gone-1'),
    });
    const res = await postSlashCommand(eventsUrl, SECRET, fields);
    expect(res.status).toBe(200);
    const started = Date.now();
    while (!logs.some((l) => l.msg === 'slack reply not delivered')) {
      if (Date.now() - started > 10_000) throw new Error('failure never logged');
      await new Promise((r) => setTimeout(r, 5));
    }
    const line = logs.find((l) => l.msg === 'slack reply not delivered');
    expect(line).toMatchObject({ level: 50, command: '/brief', channel: 'C0001' });
    expect(JSON.stringify(line)).toContain('404');
    const health = await fetch(`http://127.0.0.1:${adapter.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('logs every command with its invocation id, command and platform', () => {
    const done = logs.filter((l) => l.msg === 'command done' && l.command === 'digest subscribe');
    expect(done[0]).toMatchObject({
      platform: 'slack',
      invocation: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
  });
});
