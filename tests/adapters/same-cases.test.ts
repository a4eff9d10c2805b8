import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../src/adapters/console/console-adapter.ts';
import { createDiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import { type App, createApp } from '../../src/app.ts';
import { ingestPaths } from '../../src/articles/ingest.ts';
import { loadConfig } from '../../src/config.ts';
import { SAMPLES } from '../../src/paths.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import {
  type FakeSlack,
  postSlashCommand,
  slashCommandBody,
  startFakeSlack,
} from '../fakes/fake-slack.ts';

/**
 * One table of command cases through all three front ends, on the real commands, store and
 * sample article: what a user sees must not depend on where they typed the command.
 */
interface Case {
  name: string;
  command: string;
  subcommand?: string;
  options: Record<string, string>;
  /** The same command as typed in Slack or the console. */
  text: string;
  expect: RegExp[];
}

const CASES: Case[] = [
  {
    name: 'help lists the commands',
    command: 'help',
    options: {},
    text: '',
    expect: [/\/brief/, /\/digest subscribe/],
  },
  {
    name: 'sources lists the sample',
    command: 'sources',
    options: {},
    text: '',
    expect: [/Illegal US interference/, /paragraphs/],
  },
  {
    name: 'stories lists the sample as a story with its dates and id',
    command: 'stories',
    options: {},
    text: '',
    expect: [
      /Stories, newest first/,
      /Illegal US interference/,
      /1 article/,
      /\/brief s[0-9a-f]{12}/,
    ],
  },
  {
    name: 'brief idlib has points, numbers, quotes and sources',
    command: 'brief',
    options: { topic: 'idlib' },
    text: 'idlib',
    expect: [/Key points/, /Key numbers/, /Who said what/, /Erdogan/, /\[1\]/],
  },
  {
    name: 'who erdogan quotes him verbatim',
    command: 'who',
    options: { query: 'Erdoğan' },
    text: 'Erdoğan',
    expect: [/bloodbath/],
  },
  {
    name: 'an unknown topic is refused clearly',
    command: 'brief',
    options: { topic: 'zanzibar' },
    text: 'zanzibar',
    expect: [/No stored article mentions \W*zanzibar/],
  },
  {
    name: 'a bad digest time gets the fix and an example',
    command: 'digest',
    subcommand: 'subscribe',
    options: { time: '25:00' },
    text: 'subscribe 25:00',
    expect: [/not a time/, /08:00/],
  },
];

describe('the same command cases through console, Discord and Slack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-cases-'));
  const log = pino({ level: 'silent' });
  let app: App;
  let discord: FakeDiscord;
  let discordAdapter: ReturnType<typeof createDiscordAdapter>;
  let slack: FakeSlack;
  let slackAdapter: SlackAdapter;

  beforeAll(async () => {
    app = await createApp(loadConfig({ NEWSBRIEF_DB: join(dir, 'nb.db') }), log);
    await ingestPaths([SAMPLES], { store: app.store, log });
    discord = await new FakeDiscord().listen();
    discordAdapter = createDiscordAdapter({
      token: discord.token,
      apiUrl: discord.apiUrl,
      registry: app.registry,
      dispatch: app.dispatch,
      log,
    });
    await discordAdapter.start();
    slack = await startFakeSlack({ botToken: 'xoxb-cases' });
    slackAdapter = createSlackAdapter({
      botToken: 'xoxb-cases',
      signingSecret: 'cases-secret',
      apiUrl: slack.apiUrl,
      port: 0,
      host: '127.0.0.1',
      registry: app.registry,
      dispatch: app.dispatch,
      log,
      retryConfig: { retries: 0 },
    });
    await slackAdapter.start();
  });

  afterAll(async () => {
    await discordAdapter?.stop();
    await discord?.close();
    await slackAdapter?.stop();
    await slack?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)('console: $name', async (c) => {
    const input = new PassThrough();
    let printed = '';
    const output = new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    const consoleAdapter = createConsoleAdapter({
      registry: app.registry,
      dispatch: app.dispatch,
      log,
      input,
      output,
      interactive: false,
    });
    await consoleAdapter.start();
    input.end(`/${c.command} ${c.text}\n`);
    await consoleAdapter.done;
    for (const pattern of c.expect) expect(printed).toMatch(pattern);
  });

  it.each(CASES)('discord: $name', async (c) => {
    const sent = discord.sendInteraction({
      name: c.command,
      subcommand: c.subcommand,
      options: c.options,
    });
    await discord.waitFor(() => discord.deferOf(sent), 10_000, 'the defer');
    const edit = await discord.waitFor(() => discord.editOf(sent), 10_000, 'the reply');
    // Replies may continue in follow-ups; give them a moment, then read everything shown.
    await new Promise((r) => setTimeout(r, 200));
    const shown = JSON.stringify([edit.body, ...discord.followUpsOf(sent).map((f) => f.body)]);
    for (const pattern of c.expect) expect(shown).toMatch(pattern);
    expect(shown).not.toMatch(/"parse":\s*\[\s*"/);
  });

  it.each(CASES)('slack: $name', async (c) => {
    const id = `case-${c.command}-${c.subcommand ?? ''}-${c.text}`.replace(/\W+/g, '-');
    const fields = slashCommandBody({
      command: `/${c.command}`,
      text: c.text,
      responseUrl: slack.responseUrl(id),
    });
    const ack = await postSlashCommand(
      `http://127.0.0.1:${slackAdapter.port}/slack/events`,
      'cases-secret',
      fields,
    );
    expect(ack.status).toBe(200);
    const started = Date.now();
    while (!slack.responses.some((r) => r.id === id) && Date.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 200));
    const shown = JSON.stringify(slack.responses.filter((r) => r.id === id).map((r) => r.body));
    for (const pattern of c.expect) expect(shown).toMatch(pattern);
  });
});
