import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { type App, createApp } from '../../src/app.ts';
import { createChatClient } from '../../src/briefing/llm/chat-client.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { opsRoutes } from '../../src/ops/ops-routes.ts';
import { type OpsServer, startOpsServer } from '../../src/ops/ops-server.ts';
import { createPromMetrics, type PromMetrics } from '../../src/ops/prom-metrics.ts';
import { checkReadiness } from '../../src/ops/readiness.ts';
import type { DigestAdapter } from '../../src/schedule/digest-adapter.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { fakeReplies, startFakeOpenAi } from '../fakes/fake-openai.ts';
import {
  type FakeSlack,
  postSlashCommand,
  slashCommandBody,
  startFakeSlack,
} from '../fakes/fake-slack.ts';
import { sampleValue } from './prometheus-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = pino({ level: 'silent' });
const NOW = new Date('2026-11-25T08:05:00.000Z');

const get = async (base: string, path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('GET /healthz, /readyz, /metrics on their own server: real store, real discord.js', () => {
  let fake: FakeDiscord;
  let app: App;
  let discord: DigestAdapter;
  let metrics: PromMetrics;
  let server: OpsServer;
  let base: string;

  beforeAll(async () => {
    fake = await new FakeDiscord().listen();
    metrics = createPromMetrics();
    app = await createApp(loadConfig({ NEWSBRIEF_DB: join(dir, 'discord.db') }), log, {
      clock: () => NOW,
      metrics,
    });
    discord = createDiscordAdapter({
      token: fake.token,
      apiUrl: fake.apiUrl,
      registry: app.registry,
      dispatch: app.dispatch,
      log,
    });
    const routes = opsRoutes({
      metrics,
      readiness: () => checkReadiness({ store: () => app.store.ping(), adapters: [discord] }),
      log,
    });
    server = await startOpsServer(routes, { port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.close();
    await discord?.stop();
    await app?.close().catch(() => {});
    await fake?.close();
  });

  it('is alive before the platform connects, and not ready until it has', async () => {
    expect(await get(base, '/healthz')).toMatchObject({ status: 200, text: '{"ok":true}' });
    const before = await get(base, '/readyz');
    expect(before.status).toBe(503);
    expect(JSON.parse(before.text)).toMatchObject({ ready: false, notReady: ['discord'] });
    await discord.start();
    const after = await get(base, '/readyz');
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual({
      ready: true,
      notReady: [],
      checks: { store: { ready: true }, discord: { ready: true } },
    });
  });

  it('counts commands by registered name, platform and outcome, with their latency', async () => {
    const ok = fake.sendInteraction({ name: 'help' });
    const unknown = fake.sendInteraction({ name: 'no-such-command-typed-by-a-user' });
    await fake.waitFor(() => fake.editOf(ok) && fake.editOf(unknown), 10_000, 'the replies');
    const { status, type, text } = await get(base, '/metrics');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const where = { command: 'help', platform: 'discord' };
    expect(sampleValue(text, 'newsbrief_commands_total', { ...where, outcome: 'ok' })).toBe(1);
    expect(
      sampleValue(text, 'newsbrief_commands_total', {
        command: 'unknown',
        platform: 'discord',
        outcome: 'refused',
      }),
    ).toBe(1);
    expect(text).not.toContain('no-such-command');
    expect(sampleValue(text, 'newsbrief_command_duration_seconds_count', where)).toBe(1);
    expect(
      sampleValue(text, 'newsbrief_command_duration_seconds_bucket', { ...where, le: '+Inf' }),
    ).toBe(1);
    // The default process metrics come along.
    expect(sampleValue(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts scheduled digests posted and failed, by platform', async () => {
    const subscription = {
      platform: 'discord' as const,
      time: '08:00',
      timezone: 'UTC',
      topics: [],
      createdBy: 'u1',
      createdAt: '2026-11-20T00:00:00.000Z',
    };
    await app.store.putSubscription({ ...subscription, channelId: fake.channelId });
    // A channel Discord does not know (deleted): the post fails.
    await app.store.putSubscription({ ...subscription, channelId: '123456789012345678' });
    const result = await app.digests.schedule([discord]).tick();
    expect(result).toMatchObject({ posted: 1, failed: 1 });
    const { text } = await get(base, '/metrics');
    expect(sampleValue(text, 'newsbrief_digests_posted_total', { platform: 'discord' })).toBe(1);
    expect(sampleValue(text, 'newsbrief_digests_failed_total', { platform: 'discord' })).toBe(1);
  });

  it('counts LLM tokens as the server reports them', async () => {
    const openai = await startFakeOpenAi();
    try {
      openai.enqueue({ ...fakeReplies.json({ status: 'ok', points: [] }), completionTokens: 7 });
      const chat = createChatClient({
        baseURL: openai.baseURL,
        model: 'fake-model',
        timeoutMs: 5000,
        maxRetries: 0,
        log,
        metrics,
      });
      await chat.complete([{ role: 'user', content: 'Summarise the sources.' }]);
      const prompt = openai.requests[0]?.promptTokens;
      const { text } = await get(base, '/metrics');
      expect(sampleValue(text, 'newsbrief_llm_tokens_total', { kind: 'prompt' })).toBe(prompt);
      expect(sampleValue(text, 'newsbrief_llm_tokens_total', { kind: 'completion' })).toBe(7);
    } finally {
      await openai.close();
    }
  });

  it('answers 404 elsewhere and 405 for another method', async () => {
    expect((await get(base, '/slack/events')).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a PORT already in use with a config error saying how to fix it', async () => {
    await expect(startOpsServer([], { port: server.port, host: '127.0.0.1' })).rejects.toThrow(
      new ConfigError(
        `PORT ${server.port} cannot be used (EADDRINUSE): set PORT to a free port, e.g. 3000`,
      ),
    );
  });

  it('turns /readyz to 503 naming the platform when Discord disconnects, and the store when it closes', async () => {
    // 4004 (authentication failed): the client never reconnects.
    fake.dropConnection(4004);
    await fake.waitFor(() => !discord.ready(), 5000, 'discord down');
    const down = await get(base, '/readyz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.text)).toMatchObject({
      ready: false,
      notReady: ['discord'],
      checks: { store: { ready: true }, discord: { ready: false } },
    });
    await app.close();
    const closed = JSON.parse((await get(base, '/readyz')).text);
    expect(closed.notReady).toEqual(['store', 'discord']);
    expect(closed.checks.store.error).toMatch(/not open|closed/i);
    expect((await get(base, '/healthz')).status).toBe(200);
  });
});

describe('Slack HTTP mode: the same routes on Bolt’s own server, beside /slack/events', () => {
  const SECRET = 'ops-signing-secret';
  let fake: FakeSlack;
  let app: App;
  let slack: SlackAdapter;
  let metrics: PromMetrics;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: 'xoxb-ops' });
    metrics = createPromMetrics();
    app = await createApp(loadConfig({ NEWSBRIEF_DB: join(dir, 'slack.db') }), log, { metrics });
    const adapters: SlackAdapter[] = [];
    slack = createSlackAdapter({
      botToken: 'xoxb-ops',
      signingSecret: SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      host: '127.0.0.1',
      registry: app.registry,
      dispatch: app.dispatch,
      log,
      retryConfig: { retries: 0 },
      routes: opsRoutes({
        metrics,
        readiness: () => checkReadiness({ store: () => app.store.ping(), adapters }),
        log,
      }),
    });
    adapters.push(slack);
    await slack.start();
    base = `http://127.0.0.1:${slack.port}`;
  });

  afterAll(async () => {
    await slack?.stop();
    await app?.close();
    await fake?.close();
  });

  it('serves /healthz and /readyz on the events port', async () => {
    expect(await get(base, '/healthz')).toMatchObject({ status: 200, text: '{"ok":true}' });
    const ready = await get(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text).checks).toEqual({
      store: { ready: true },
      slack: { ready: true },
    });
  });

  it('answers a signed slash command on /slack/events and counts it in /metrics', async () => {
    const fields = slashCommandBody({
      command: '/help',
      text: '',
      responseUrl: fake.responseUrl('ops-help'),
    });
    expect((await postSlashCommand(`${base}/slack/events`, SECRET, fields)).status).toBe(200);
    await fake.waitForResponses(1);
    const { status, type, text } = await get(base, '/metrics');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sampleValue(text, 'newsbrief_commands_total', {
        command: 'help',
        platform: 'slack',
        outcome: 'ok',
      }),
    ).toBe(1);
  });

  it('turns /readyz to 503 naming the store once it is closed', async () => {
    await app.close();
    const res = await get(base, '/readyz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toMatchObject({ ready: false, notReady: ['store'] });
  });
});
