import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.ts';
import { FakeDiscord } from '../fakes/fake-discord.ts';
import { startFakeSlack } from '../fakes/fake-slack.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-login-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * `newsbrief start` as a user runs it, with the ops server on and its own store. A bound on
 * the whole run only catches a process that never exits (code null), which is what it tests.
 */
function start(env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/newsbrief.js'), 'start'], {
      cwd: dir,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', PORT: '0', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** The one line a refused start leaves on stderr (a rebuild notice from a stale checkout aside). */
function refusal(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '' && !l.includes('rebuilt dist/'));
}

describe('newsbrief start when a platform refuses the bot', () => {
  it('Discord rejecting DISCORD_TOKEN: one line, exit code 1, the process ends by itself', async () => {
    const discord = await new FakeDiscord().listen();
    try {
      const r = await start({
        DISCORD_TOKEN: 'a-token-discord-does-not-know',
        DISCORD_API_URL: discord.apiUrl,
        NEWSBRIEF_DB: join(dir, 'discord.db'),
      });
      expect(refusal(r.stderr)).toEqual([
        'newsbrief: Discord refused DISCORD_TOKEN (an invalid token): copy the bot token again from the Developer Portal (your application > Bot > Reset Token)',
      ]);
      expect(r.code).toBe(1);
    } finally {
      await discord.close();
    }
  }, 120_000);

  it('Slack answering auth.test with invalid_auth (HTTP mode): one line, exit code 1', async () => {
    const slack = await startFakeSlack();
    try {
      const r = await start({
        SLACK_BOT_TOKEN: 'xoxb-a-revoked-token',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: slack.apiUrl,
        NEWSBRIEF_DB: join(dir, 'slack-http.db'),
      });
      expect(refusal(r.stderr)).toEqual([
        'newsbrief: Slack auth.test failed (An API error occurred: invalid_auth): check SLACK_BOT_TOKEN (OAuth & Permissions > Bot User OAuth Token) and SLACK_API_URL',
      ]);
      expect(r.code).toBe(1);
    } finally {
      await slack.close();
    }
  }, 120_000);

  it('Slack refusing SLACK_APP_TOKEN (Socket Mode): one line naming the app token, exit code 1', async () => {
    const slack = await startFakeSlack();
    try {
      const r = await start({
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_APP_TOKEN: 'xapp-a-revoked-token',
        SLACK_API_URL: slack.apiUrl,
        NEWSBRIEF_DB: join(dir, 'slack-socket.db'),
      });
      const lines = refusal(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^newsbrief: Slack Socket Mode could not connect \(.*\): check SLACK_APP_TOKEN/,
      );
      expect(r.code).toBe(1);
    } finally {
      await slack.close();
    }
  }, 120_000);
});
