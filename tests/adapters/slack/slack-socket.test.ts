import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSlackAdapter,
  type SlackAdapter,
} from '../../../src/adapters/slack/slack-adapter.ts';
import { type FakeSlack, slashCommandBody, startFakeSlack } from '../../fakes/fake-slack.ts';
import { testCore } from './fixtures.ts';

const APP_TOKEN = 'xapp-test-app-token';

describe('Slack adapter over Socket Mode, real Bolt app against a fake Slack', () => {
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  const core = testCore();

  beforeAll(async () => {
    fake = await startFakeSlack({ appToken: APP_TOKEN });
    adapter = createSlackAdapter({
      botToken: 'xoxb-test-token',
      appToken: APP_TOKEN,
      apiUrl: fake.apiUrl,
      port: 0,
      registry: core.registry,
      dispatch: core.dispatch,
      log: core.log,
      retryConfig: { retries: 0 },
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    // Bolt's stop() does not wait for the close handshake; closing the fake first would leave a
    // 30 s timer in the client.
    await fake?.waitForSocketClosed();
    await fake?.close();
  });

  it('opens the connection with the app token and serves no HTTP port', async () => {
    const open = fake.calls.filter((c) => c.method === 'apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(adapter.port).toBeUndefined();
  });

  it('reports itself ready while the socket is connected, not while it reconnects (/readyz)', {
    timeout: 60_000,
  }, async () => {
    expect(adapter.ready()).toBe(true);
    const opened = fake.calls.filter((c) => c.method === 'apps.connections.open').length;
    fake.dropSockets();
    const poll = async (want: boolean, what: string) => {
      for (const deadline = Date.now() + 20_000; adapter.ready() !== want; ) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await poll(false, 'the adapter to notice the drop');
    // The client waits its ping timeout (5 s) before it opens a new connection.
    await poll(true, 'the reconnection');
    const reopened = fake.calls.filter((c) => c.method === 'apps.connections.open').length;
    expect(reopened).toBe(opened + 1);
  });

  it('acks the envelope at once and answers through the response_url', async () => {
    const payload = slashCommandBody({
      command: '/brief',
      text: 'idlib',
      responseUrl: fake.responseUrl('socket-1'),
      channelId: 'C0077',
    });
    const ack = await fake.sendSlashCommand(payload);
    expect(ack.envelope_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ack.payload).toEqual({});
    const [answer] = await fake.waitForResponses(1);
    expect(answer?.id).toBe('socket-1');
    expect(answer?.body).toMatchObject({ response_type: 'in_channel', text: 'Briefing: idlib' });
    expect((answer?.body.blocks as { type: string }[] | undefined)?.[0]?.type).toBe('header');
    expect(core.seen.runs.at(-1)).toMatchObject({ args: { topic: 'idlib' }, channelId: 'C0077' });
  });

  it('acks before the slow work finishes', async () => {
    let release = () => {};
    core.gates.slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = fake.responses.length;
    const ack = await fake.sendSlashCommand(
      slashCommandBody({
        command: '/slow',
        text: '',
        responseUrl: fake.responseUrl('socket-slow'),
      }),
    );
    expect(ack.envelope_id).toBeTruthy();
    expect(fake.responses.length).toBe(before);
    release();
    const answers = await fake.waitForResponses(before + 1);
    expect(JSON.stringify(answers.at(-1)?.body)).toContain('done at last');
    core.gates.slow = Promise.resolve();
  });

  it('answers a bad command with its usage, ephemerally', async () => {
    const before = fake.responses.length;
    await fake.sendSlashCommand(
      slashCommandBody({
        command: '/digest',
        text: 'subscribe',
        responseUrl: fake.responseUrl('socket-bad'),
      }),
    );
    const answers = await fake.waitForResponses(before + 1);
    const body = answers.at(-1)?.body;
    expect(body?.response_type).toBe('ephemeral');
    expect(JSON.stringify(body)).toContain('Missing time.');
  });

  it('acks and answers 100 commands sent at once', async () => {
    const before = fake.responses.length;
    const ids = Array.from({ length: 100 }, (_, i) => `socket-many-${i}`);
    const acks = await Promise.all(
      ids.map((id, i) =>
        fake.sendSlashCommand(
          slashCommandBody({
            command: '/brief',
            text: `topic ${i}`,
            responseUrl: fake.responseUrl(id),
          }),
        ),
      ),
    );
    expect(new Set(acks.map((a) => a.envelope_id)).size).toBe(100);
    const answers = await fake.waitForResponses(before + 100);
    for (const [i, id] of ids.entries()) {
      const mine = answers.filter((r) => r.id === id);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.body.text).toBe(`Briefing: topic ${i}`);
    }
  });
});
