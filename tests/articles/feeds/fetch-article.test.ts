import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchArticle } from '../../../src/articles/feeds/fetch-article.ts';
import { FetchError } from '../../../src/articles/feeds/fetch-error.ts';
import { loadUrl } from '../../../src/articles/feeds/load-url.ts';
import {
  createFeedServer,
  type FeedServer,
  page,
  redirect,
  rss,
  serve,
} from '../../fakes/feed-server.ts';

let server: FeedServer;

beforeAll(async () => {
  server = await createFeedServer();
});
afterAll(async () => {
  await server.close();
});

describe('fetchArticle', () => {
  it('returns the page HTML with title, outlet and date from its meta tags, url after redirects', async () => {
    const html = page({
      title: 'Turkey warns Syria',
      siteName: 'Daily Wire',
      published: '2024-03-05T10:00:00+01:00',
      body: '<p>"We will not allow it," Erdogan said.</p>',
    });
    server.route('/story', serve(html, { contentType: 'text/html; charset=utf-8' }));
    server.route('/short', redirect('/story', 301));
    const a = await fetchArticle(server.url('/short'));
    expect(a).toEqual({
      raw: html,
      format: 'html',
      title: 'Turkey warns Syria',
      outlet: 'Daily Wire',
      published: '2024-03-05T09:00:00.000Z',
      url: server.url('/story'),
      origin: server.url('/short'),
    });
  });

  it('falls back to <title> and a JSON-LD datePublished, and leaves out what the page lacks', async () => {
    const html = `<html><head><title> Plain   page </title></head><body><p>x</p>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-01T00:00:00Z"}</script></body></html>`;
    server.route('/plain', serve(html, { contentType: 'text/html' }));
    const a = await fetchArticle(server.url('/plain'));
    expect(a.title).toBe('Plain page');
    expect(a.published).toBe('2024-02-01T00:00:00.000Z');
    expect(a).not.toHaveProperty('outlet');
  });

  it('decodes a page by its declared charset', async () => {
    const html =
      '<html><head><meta charset="iso-8859-1"><title>Erdo\xf0an at the caf\xe9</title></head><body></body></html>';
    server.route('/latin1', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from(html, 'latin1'));
    });
    const a = await fetchArticle(server.url('/latin1'));
    expect(a.title).toBe('Erdoðan at the café');
  });

  it('refuses what is not a page', async () => {
    server.route('/img', serve('\x89PNG', { contentType: 'image/png' }));
    const err = await fetchArticle(server.url('/img')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('not-a-page');
    expect((err as FetchError).message).toMatch(/not a web page \(content type image\/png\)/);
  });

  it('checks each URL with the guard, within the time budget, before requesting it', async () => {
    server.route(
      '/guarded',
      serve(page({ title: 'Guarded', body: '<p>Text.</p>' }), { contentType: 'text/html' }),
    );
    const seen: string[] = [];
    await fetchArticle(server.url('/guarded'), {
      guard: async (url) => {
        seen.push(url.pathname);
      },
    });
    expect(seen).toEqual(['/guarded']);
    // A guard that never answers (a resolver that hangs) ends with the request's timeout.
    const started = performance.now();
    const err = await fetchArticle(server.url('/guarded'), {
      timeoutMs: 200,
      guard: () => new Promise(() => {}),
    }).catch((e: unknown) => e);
    expect((err as FetchError).code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.hits('/guarded')).toHaveLength(1);
  });
});

describe('loadUrl', () => {
  it('reads a feed, even one served as text/html, into articles', async () => {
    server.route(
      '/feed-as-html',
      serve(
        rss('Mislabelled', [
          { title: 'One', guid: '1', content: `<p>${'Full text. '.repeat(80)}</p>` },
        ]),
        { contentType: 'text/html' },
      ),
    );
    const r = await loadUrl(server.url('/feed-as-html'));
    expect(r.kind).toBe('feed');
    if (r.kind !== 'feed') return;
    expect(r.title).toBe('Mislabelled');
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ title: 'One', outlet: 'Mislabelled', format: 'html' });
  });

  it('reads a page as an article', async () => {
    server.route(
      '/a-page',
      serve(page({ title: 'P', body: '<p>b</p>' }), { contentType: 'text/html' }),
    );
    const r = await loadUrl(server.url('/a-page'));
    expect(r).toMatchObject({ kind: 'article', article: { title: 'P', format: 'html' } });
  });

  it('reads text/plain as a text article', async () => {
    server.route('/t.txt', serve('Plain words.', { contentType: 'text/plain' }));
    const r = await loadUrl(server.url('/t.txt'));
    expect(r).toEqual({
      kind: 'article',
      article: {
        raw: 'Plain words.',
        format: 'text',
        url: server.url('/t.txt'),
        origin: server.url('/t.txt'),
      },
    });
  });
});
