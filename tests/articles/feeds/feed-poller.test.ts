import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../../src/articles/article.ts';
import {
  createFeedPoller,
  type FeedPollerOptions,
} from '../../../src/articles/feeds/feed-poller.ts';
import {
  createFeedServer,
  type FeedServer,
  page,
  type RssItem,
  redirect,
  rss,
  serve,
  status,
} from '../../fakes/feed-server.ts';
import { MemoryFeedStateStore } from './memory-feed-state-store.ts';

let server: FeedServer;

beforeAll(async () => {
  server = await createFeedServer();
});
afterAll(async () => {
  await server.close();
});

const LONG = `<p>${'A full paragraph of the story, long enough to stand alone. '.repeat(15)}</p>`;

/** A poller wired to an in-memory store, a movable clock and a log captured as data. */
function harness(feeds: string[], over: Partial<FeedPollerOptions> = {}) {
  const store = new MemoryFeedStateStore();
  const ingested: { inputs: ArticleInput[]; feed: string; firstPoll: boolean }[] = [];
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => logs.push(JSON.parse(s)) });
  const t = { now: new Date('2024-06-01T12:00:00Z') };
  const poller = createFeedPoller({
    feeds,
    state: store,
    log,
    clock: () => t.now,
    ingest: async (inputs, meta) => {
      ingested.push({ inputs, ...meta });
    },
    fetchOptions: { timeoutMs: 2_000 },
    ...over,
  });
  const advance = (ms: number) => {
    t.now = new Date(t.now.getTime() + ms);
  };
  return { store, ingested, logs, poller, advance, t };
}

describe('feed poller', () => {
  it('marks the first poll of a new feed as firstPoll, then delivers only new items', async () => {
    let items: RssItem[] = [
      { title: 'Old 1', guid: 'o1', content: LONG },
      { title: 'Old 2', guid: 'o2', content: LONG },
    ];
    server.route(
      '/p/first',
      serve(() => rss('First', items)),
    );
    const h = harness([server.url('/p/first')]);

    expect(await h.poller.pollAll()).toEqual([
      { feed: server.url('/p/first'), status: 'ok', newItems: 2 },
    ]);
    expect(h.ingested).toHaveLength(1);
    expect(h.ingested[0]!.firstPoll).toBe(true);
    expect(h.ingested[0]!.inputs.map((i) => i.title)).toEqual(['Old 1', 'Old 2']);

    items = [{ title: 'New', guid: 'n1', content: LONG }, ...items];
    h.advance(15 * 60_000);
    expect((await h.poller.pollAll())[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(h.ingested[1]).toMatchObject({ firstPoll: false });
    expect(h.ingested[1]!.inputs.map((i) => i.title)).toEqual(['New']);
    expect(h.ingested[1]!.inputs[0]).toMatchObject({
      raw: LONG,
      format: 'html',
      outlet: 'First',
      origin: server.url('/p/first'),
    });
  });

  it('does not re-deliver items a feed re-dates (nor items without link or guid)', async () => {
    let day = 1;
    const items = () => [
      { title: 'Guid', guid: 'g', pubDate: `Mon, 0${day} Jan 2024 00:00:00 GMT`, content: LONG },
      {
        title: 'Link',
        link: 'http://news.example/l',
        pubDate: `Mon, 0${day} Jan 2024 00:00:00 GMT`,
        content: LONG,
      },
      { title: 'Bare', pubDate: `Mon, 0${day} Jan 2024 00:00:00 GMT`, content: LONG },
    ];
    // A new ETag each time, as servers do when the document changes.
    server.route('/p/redate', (req, res) =>
      serve(rss('R', items()), { etag: `"d${day}"` })(req, res),
    );
    const h = harness([server.url('/p/redate')]);
    expect((await h.poller.pollAll())[0]!.newItems).toBe(3);
    day = 2;
    h.advance(60_000);
    expect((await h.poller.pollAll())[0]).toMatchObject({ status: 'ok', newItems: 0 });
    expect(h.ingested).toHaveLength(1);
    expect(h.ingested[0]!.inputs.find((i) => i.title === 'Bare')).toMatchObject({
      origin: server.url('/p/redate'),
    });
    expect(h.ingested[0]!.inputs.find((i) => i.title === 'Bare')).not.toHaveProperty('url');
  });

  it('polls with a conditional GET and reads 304 as not modified', async () => {
    server.route(
      '/p/cond',
      serve(rss('C', [{ title: 'A', guid: 'a', content: LONG }]), { etag: '"c1"' }),
    );
    const h = harness([server.url('/p/cond')]);
    await h.poller.pollAll();
    expect(await h.poller.pollAll()).toEqual([
      { feed: server.url('/p/cond'), status: 'not-modified', newItems: 0 },
    ]);
    expect(server.hits('/p/cond').map((r) => r.headers['if-none-match'])).toEqual([
      undefined,
      '"c1"',
    ]);
    expect(h.ingested).toHaveLength(1);
    expect((await h.store.getFeedState(server.url('/p/cond')))?.polledAt).toBe(
      '2024-06-01T12:00:00.000Z',
    );
  });

  it('fetches the linked page for summary-only items, and keeps the summary when the page fails', async () => {
    server.route(
      '/p/teasers',
      serve(
        rss('Teasers', [
          {
            title: 'Has page',
            guid: 't1',
            link: server.url('/p/page1'),
            description: 'Short teaser.',
          },
          {
            title: 'Page gone',
            guid: 't2',
            link: server.url('/p/missing'),
            description: 'Other teaser.',
          },
          {
            title: 'Full',
            guid: 't3',
            link: server.url('/p/page3'),
            description: 'x',
            content: LONG,
          },
        ]),
      ),
    );
    const html = page({
      title: 'Page title',
      siteName: 'Site',
      body: LONG,
      published: '2024-01-02T00:00:00Z',
    });
    server.route('/p/page1', serve(html, { contentType: 'text/html' }));
    server.route('/p/page3', serve(html, { contentType: 'text/html' }));
    const h = harness([server.url('/p/teasers')]);
    await h.poller.pollAll();
    const [withPage, gone, full] = h.ingested[0]!.inputs;
    expect(withPage).toEqual({
      raw: html,
      format: 'html',
      title: 'Has page',
      outlet: 'Teasers',
      published: '2024-01-02T00:00:00.000Z',
      url: server.url('/p/page1'),
      origin: server.url('/p/page1'),
      // Read instead when cleaning refuses the page.
      fallback: expect.objectContaining({ title: 'Has page', format: 'html' }),
    });
    expect(gone).toMatchObject({ raw: 'Other teaser.', url: server.url('/p/missing') });
    expect(full!.raw).toBe(LONG);
    expect(server.hits('/p/page3')).toHaveLength(0);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        msg: 'article page not fetched; keeping the feed summary',
        url: server.url('/p/missing'),
      }),
    );
  });

  it("never follows a feed's links into the bot's own network, redirects included", async () => {
    const port = new URL(server.base).port;
    const html = page({ title: 'Inside', body: LONG });
    server.route('/p/inside', serve(html, { contentType: 'text/html' }));
    // The same server under another name: not the feed's host, and a loopback address.
    const inside = `http://localhost:${port}/p/inside`;
    server.route('/p/hop', redirect(inside));
    server.route('/p/own-page', serve(html, { contentType: 'text/html' }));
    server.route(
      '/p/hostile',
      serve(
        rss('Hostile', [
          {
            title: 'Metadata',
            guid: 'h1',
            link: 'http://169.254.169.254/latest/',
            description: 'a',
          },
          { title: 'Loopback', guid: 'h2', link: inside, description: 'b' },
          { title: 'Hop', guid: 'h3', link: server.url('/p/hop'), description: 'c' },
          { title: 'Own host', guid: 'h4', link: server.url('/p/own-page'), description: 'd' },
        ]),
      ),
    );
    const h = harness([server.url('/p/hostile')]);
    await h.poller.pollAll();
    const inputs = h.ingested[0]!.inputs;
    // Refused links keep the feed's summary; the feed's own host is trusted.
    expect(inputs.map((i) => i.raw)).toEqual(['a', 'b', 'c', html]);
    expect(server.hits('/p/inside')).toHaveLength(0);
    expect(server.hits('/p/hop')).toHaveLength(1);
    const refusals = h.logs.filter(
      (l) => l.msg === 'article page not fetched; keeping the feed summary',
    );
    // Pages are fetched concurrently, so refusals are logged in whatever order they finish.
    expect(refusals.map((l) => l.url).sort()).toEqual(
      ['http://169.254.169.254/latest/', inside, server.url('/p/hop')].sort(),
    );
    for (const r of refusals) expect(r.err).toMatch(/is a private or local address/);
  });

  it('isolates failing feeds, records the error and backs off exponentially up to the cap', async () => {
    const whole = rss('B', [{ title: 'A', guid: 'a' }]);
    server.route('/p/broken', serve(whole.slice(0, -40)));
    server.route('/p/404', status(404));
    server.route('/p/500', status(500));
    server.route('/p/good', serve(rss('G', [{ title: 'G', guid: 'g', content: LONG }])));
    const feeds = ['/p/broken', '/p/404', '/p/500', '/p/good'].map((p) => server.url(p));
    const h = harness(feeds);

    const first = await h.poller.pollAll();
    expect(first.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'ok']);
    expect(first[0]!.error).toMatch(/broken feed XML/);
    expect(first[1]!.error).toMatch(/HTTP 404/);
    expect(first[2]!.error).toMatch(/HTTP 500/);
    expect(await h.store.getFeedState(feeds[1]!)).toEqual({
      url: feeds[1],
      failures: 1,
      lastError: `${feeds[1]}: HTTP 404 Not Found`,
      nextPollAt: '2024-06-01T12:05:00.000Z',
    });
    expect(h.logs.filter((l) => l.msg === 'feed poll failed').map((l) => l.feed)).toEqual(
      expect.arrayContaining(feeds.slice(0, 3)),
    );

    // Not due yet: no request is made.
    h.advance(4 * 60_000);
    const hits = server.hits('/p/404').length;
    const second = await h.poller.pollAll();
    expect(second[1]).toEqual({
      feed: feeds[1],
      status: 'backing-off',
      newItems: 0,
      error: `${feeds[1]}: HTTP 404 Not Found`,
    });
    expect(server.hits('/p/404')).toHaveLength(hits);

    // Due: polled again, the delay doubles.
    h.advance(60_000);
    await h.poller.pollAll();
    expect(await h.store.getFeedState(feeds[1]!)).toMatchObject({
      failures: 2,
      nextPollAt: '2024-06-01T12:15:00.000Z',
    });

    // The cap: after many failures the delay stays at 6 hours.
    await h.store.putFeedState({ url: feeds[1]!, failures: 12 });
    await h.poller.pollAll();
    expect(await h.store.getFeedState(feeds[1]!)).toMatchObject({
      failures: 13,
      nextPollAt: new Date(h.t.now.getTime() + 6 * 3_600_000).toISOString(),
    });
  });

  it('recovers: a success clears failures, error and backoff, and keeps firstPoll until one succeeded', async () => {
    let up = false;
    server.route('/p/flaky', (req, res) =>
      up
        ? serve(rss('F', [{ title: 'A', guid: 'a', content: LONG }]))(req, res)
        : status(500)(req, res),
    );
    const h = harness([server.url('/p/flaky')]);
    await h.poller.pollAll();
    up = true;
    h.advance(5 * 60_000);
    expect((await h.poller.pollAll())[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(h.ingested[0]!.firstPoll).toBe(true);
    expect(await h.store.getFeedState(server.url('/p/flaky'))).toEqual({
      url: server.url('/p/flaky'),
      failures: 0,
      polledAt: '2024-06-01T12:05:00.000Z',
    });
  });

  it('re-delivers items whose ingest failed, without a conditional GET that would hide them', async () => {
    server.route(
      '/p/ingest',
      serve(rss('I', [{ title: 'A', guid: 'a', content: LONG }]), { etag: '"i1"' }),
    );
    let fail = true;
    const delivered: string[] = [];
    const h = harness([server.url('/p/ingest')], {
      ingest: async (inputs) => {
        if (fail) throw new Error('disk full');
        delivered.push(...inputs.map((i) => i.title ?? ''));
      },
    });
    expect((await h.poller.pollAll())[0]).toMatchObject({
      status: 'failed',
      error: 'ingest failed: disk full',
    });
    fail = false;
    h.advance(5 * 60_000);
    expect((await h.poller.pollAll())[0]).toMatchObject({ status: 'ok', newItems: 1 });
    expect(delivered).toEqual(['A']);
    expect(server.hits('/p/ingest').map((r) => r.headers['if-none-match'])).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('never throws from pollAll, even when the state store does', async () => {
    server.route('/p/s', serve(rss('S', [])));
    const broken = new MemoryFeedStateStore();
    broken.getFeedState = async () => {
      throw new Error('database is locked');
    };
    const h = harness([server.url('/p/s')], { state: broken });
    expect(await h.poller.pollAll()).toEqual([
      {
        feed: server.url('/p/s'),
        status: 'failed',
        newItems: 0,
        error: 'feed state unreadable: database is locked',
      },
    ]);
  });

  it('joins a run in progress instead of overlapping it', async () => {
    server.route('/p/once', (req, res) => {
      setTimeout(() => serve(rss('O', []))(req, res), 200);
    });
    const h = harness([server.url('/p/once')]);
    const before = server.hits('/p/once').length;
    const [a, b] = await Promise.all([h.poller.pollAll(), h.poller.pollAll()]);
    expect(a).toBe(b);
    expect(server.hits('/p/once').length - before).toBe(1);
  });

  it('stop() aborts a poll in flight without recording a failure, and later polls still work', async () => {
    server.route('/p/hang', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      const timer = setTimeout(() => res.end('</channel></rss>'), 20_000);
      res.on('close', () => clearTimeout(timer));
    });
    const h = harness([server.url('/p/hang')], { fetchOptions: { timeoutMs: 30_000 } });
    const t0 = Date.now();
    const run = h.poller.pollAll();
    await new Promise((r) => setTimeout(r, 100));
    h.poller.stop();
    expect(await run).toEqual([
      { feed: server.url('/p/hang'), status: 'failed', newItems: 0, error: 'stopped' },
    ]);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await h.store.getFeedState(server.url('/p/hang'))).toBeUndefined();

    server.route('/p/hang', serve(rss('Back', [])));
    expect((await h.poller.pollAll())[0]).toMatchObject({ status: 'ok' });
  });

  it('polls on a cron schedule until stopped, and refuses a bad expression', async () => {
    server.route('/p/cron', serve(rss('Cron', [])));
    const h = harness([server.url('/p/cron')]);
    expect(() => h.poller.start('every minute')).toThrow(/not a cron expression/);
    h.poller.start('* * * * * *');
    try {
      const deadline = Date.now() + 5_000;
      while (server.hits('/p/cron').length === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(server.hits('/p/cron').length).toBeGreaterThan(0);
    } finally {
      h.poller.stop();
    }
    await new Promise((r) => setTimeout(r, 100));
    const after = server.hits('/p/cron').length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect(server.hits('/p/cron')).toHaveLength(after);
  });
});

describe('feed poller, several processes on one store', () => {
  it('polls each feed from one process at a time; the next round goes to whoever is free', async () => {
    let hits = 0;
    server.route(
      '/p/shared',
      serve(() => {
        hits++;
        return rss('Shared', [{ title: 'One', guid: 's1', content: LONG }]);
      }),
    );
    const one = harness([server.url('/p/shared')], { owner: 'one', leaseMs: 60_000 });
    // A second process: its own poller and clock, the first one's store.
    const two = harness([server.url('/p/shared')], {
      owner: 'two',
      leaseMs: 60_000,
      state: one.store,
      clock: () => one.t.now,
    });
    const [a, b] = await Promise.all([one.poller.pollAll(), two.poller.pollAll()]);
    expect([a[0]?.status, b[0]?.status].sort()).toEqual(['elsewhere', 'ok']);
    expect(hits).toBe(1);
    expect(one.ingested.length + two.ingested.length).toBe(1);
    // Fifteen minutes on, the lease has ended: either process may poll, once.
    one.advance(15 * 60_000);
    const [c, d] = await Promise.all([two.poller.pollAll(), one.poller.pollAll()]);
    expect([c[0]?.status, d[0]?.status].sort()).toEqual(['elsewhere', 'ok']);
    expect(hits).toBe(2);
    expect(one.ingested.length + two.ingested.length).toBe(1);
  });
});
