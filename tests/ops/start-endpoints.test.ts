import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.ts';
import { postSlashCommand, slashCommandBody, startFakeSlack } from '../fakes/fake-slack.ts';
import { startBotProcess, until } from './bot-process.ts';
import { sampleValue } from './prometheus-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'newsbrief-start-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const status = async (url: string) => (await fetch(url)).status;
// Upper bounds for a bot process to start and answer on a busy machine, not speed assertions.
const PROCESS_TEST = { timeout: 120_000 };

describe('newsbrief start: /healthz, /readyz and /metrics on PORT in every mode', () => {
  it(
    'console mode without PORT opens no port and never loads prom-client',
    PROCESS_TEST,
    async () => {
      const imports = join(dir, 'imports.txt');
      const bot = startBotProcess(
        { NEWSBRIEF_DB: join(dir, 'quiet.db'), LOG_LEVEL: 'info', RECORD_IMPORTS: imports },
        { cwd: dir, nodeArgs: ['--import', join(ROOT, 'tests/cli/record-imports.mjs')] },
      );
      bot.child.stdin?.end('/help\n');
      expect(await bot.exited).toBe(0);
      expect(bot.stdout()).toContain('/brief');
      expect(bot.logs.map((l) => l.msg)).not.toContain(
        'serving GET /healthz, /readyz and /metrics',
      );
      expect(readFileSync(imports, 'utf8').split('\n')).not.toContain('prom-client');
    },
  );

  it(
    'console mode with PORT: alive, ready once started, the first ingest and commands counted',
    PROCESS_TEST,
    async () => {
      const bot = startBotProcess(
        { NEWSBRIEF_DB: join(dir, 'console.db'), PORT: '0', LOG_LEVEL: 'info' },
        { cwd: dir },
      );
      try {
        const { port } = await bot.waitForLog('serving GET /healthz, /readyz and /metrics');
        const base = `http://127.0.0.1:${port}`;
        expect(await status(`${base}/healthz`)).toBe(200);
        await until(async () => (await status(`${base}/readyz`)) === 200, 60_000, '/readyz 200');
        const ready = await (await fetch(`${base}/readyz`)).json();
        expect(ready).toMatchObject({
          checks: { store: { ready: true }, console: { ready: true } },
        });
        bot.child.stdin?.write('/help\n');
        await until(() => bot.stdout().includes('/brief'), 30_000, 'the reply to /help');
        const res = await fetch(`${base}/metrics`);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        const text = await res.text();
        const help = { command: 'help', platform: 'console', outcome: 'ok' };
        expect(sampleValue(text, 'newsbrief_commands_total', help)).toBe(1);
        // The bundled sample, ingested at first start.
        expect(sampleValue(text, 'newsbrief_articles_ingested_total')).toBe(1);
        expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
        bot.child.stdin?.end();
        expect(await bot.exited).toBe(0);
      } finally {
        await bot.stop();
      }
    },
  );

  it(
    'Slack HTTP mode: one server on PORT for /slack/events and the three endpoints',
    PROCESS_TEST,
    async () => {
      const secret = 'cli-signing-secret';
      const fake = await startFakeSlack({ botToken: 'xoxb-cli' });
      const bot = startBotProcess(
        {
          NEWSBRIEF_DB: join(dir, 'slack.db'),
          SLACK_BOT_TOKEN: 'xoxb-cli',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        { cwd: dir },
      );
      try {
        const { port } = await bot.waitForLog('slack listening for events on POST /slack/events');
        const base = `http://127.0.0.1:${port}`;
        expect(await status(`${base}/healthz`)).toBe(200);
        await until(async () => (await status(`${base}/readyz`)) === 200, 60_000, '/readyz 200');
        const fields = slashCommandBody({
          command: '/help',
          text: '',
          responseUrl: fake.responseUrl('cli-help'),
        });
        expect((await postSlashCommand(`${base}/slack/events`, secret, fields)).status).toBe(200);
        await fake.waitForResponses(1, 30_000);
        const text = await (await fetch(`${base}/metrics`)).text();
        const help = { command: 'help', platform: 'slack', outcome: 'ok' };
        expect(sampleValue(text, 'newsbrief_commands_total', help)).toBe(1);
        expect(bot.logs.map((l) => l.msg)).not.toContain(
          'serving GET /healthz, /readyz and /metrics',
        );
        expect(await bot.stop()).toBe(0);
      } finally {
        await bot.stop();
        await fake.close();
      }
    },
  );
});
