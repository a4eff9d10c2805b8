import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.ts';
import { createFeedServer, type FeedServer, rss, serve } from '../fakes/feed-server.ts';
import { heavyPage, nestedPage } from '../fakes/hostile-pages.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await createFeedServer();
  dir = await mkdtemp(join(tmpdir(), 'newsbrief-hostile-bot-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const summary = (what: string) =>
  `<p>${`The harbour board met on Monday and agreed the new ${what} fees after a long debate. `.repeat(4)}</p>`;

/** Polls `check` every 20 ms until it is true; fails after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The console bot as a user runs it, stdin kept open so commands can be typed at any moment. */
function startBot(feed: string): {
  child: ChildProcessWithoutNullStreams;
  out: { stdout: string; logs: Array<Record<string, unknown>> };
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [join(ROOT, 'bin/newsbrief.js'), 'start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      NEWSBRIEF_DB: join(dir, 'bot.db'),
      NEWSBRIEF_FEEDS: feed,
      LOG_LEVEL: 'info',
    },
  });
  const out = { stdout: '', logs: [] as Array<Record<string, unknown>> };
  child.stdout.on('data', (d) => {
    out.stdout += d;
  });
  let partial = '';
  child.stderr.on('data', (d) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        out.logs.push(JSON.parse(line));
      } catch {
        out.logs.push({ msg: line });
      }
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return { child, out, exited };
}

describe('a running bot polling a hostile feed (issue 13, item 1)', () => {
  it('answers /help within 1 s while the pages are read, and keeps the summaries of refused pages', async () => {
    server.route(
      '/feed.xml',
      serve(
        rss('Hostile', [
          {
            title: 'Deep page',
            guid: 'd',
            link: server.url('/deep'),
            description: summary('berth'),
          },
          {
            title: 'Heavy page',
            guid: 'h',
            link: server.url('/heavy'),
            description: summary('mooring'),
          },
        ]),
        { contentType: 'application/rss+xml' },
      ),
    );
    // 10,000 nested levels overflowed Readability's stack; the heavy page is within the size and
    // depth budget but keeps Readability busy for seconds (on the bot's own thread, before).
    server.route('/deep', serve(nestedPage(10_000), { contentType: 'text/html' }));
    server.route('/heavy', serve(heavyPage(6000), { contentType: 'text/html' }));
    const bot = startBot(server.url('/feed.xml'));
    const polled = () => bot.out.logs.some((l) => l.msg === 'feeds polled');

    await until(() => server.hits('/heavy').length > 0, 60_000, 'the bot to fetch the heavy page');
    // Give the page time to arrive and its cleaning to start, then ask.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = performance.now();
    bot.child.stdin.write('/help\n');
    await until(() => bot.out.stdout.includes('/brief'), 10_000, 'the /help reply');
    const answeredMs = performance.now() - asked;
    const pollDoneWhenAnswered = polled();

    await until(polled, 60_000, 'the poll to end');
    bot.child.stdin.end('/sources\n');
    expect(await bot.exited).toBe(0);

    expect(answeredMs).toBeLessThan(1000);
    // The answer did not wait for the hostile page: the poll was still reading it.
    expect(pollDoneWhenAnswered).toBe(false);
    const refused = bot.out.logs.filter(
      (l) => l.msg === 'article page refused; keeping the feed summary',
    );
    expect(refused).toContainEqual(
      expect.objectContaining({
        origin: server.url('/deep'),
        reason: expect.stringMatching(/^page refused: its elements nest more than 200 levels/),
      }),
    );
    // Both items are stored: the deep page's from its summary.
    expect(bot.out.stdout).toContain('Deep page');
    expect(bot.out.stdout).toContain('Heavy page');
    expect(bot.out.logs.filter((l) => l.msg === 'skipped input')).toEqual([]);
  }, 120_000);
});
