import { describe, expect, it } from 'vitest';
import { FetchError } from '../../../src/articles/feeds/fetch-error.ts';
import { looksLikeFeed, parseFeedXml } from '../../../src/articles/feeds/parse-feed-xml.ts';
import { atom, rss } from '../../fakes/feed-server.ts';

const FEED = 'http://feeds.example/rss.xml';

describe('parseFeedXml', () => {
  it('reads an RSS 2.0 feed: title, absolute link, guid, ISO date, content and summary', () => {
    const xml = rss('World News', [
      {
        title: 'Ceasefire in Idlib',
        link: '/2024/idlib',
        guid: 'urn:1',
        pubDate: 'Tue, 05 Mar 2024 10:00:00 GMT',
        description: '<p>Short.</p>',
        content: '<p>Full body.</p>',
      },
    ]);
    const feed = parseFeedXml(xml, FEED);
    expect(feed.title).toBe('World News');
    expect(feed.items).toEqual([
      {
        key: 'urn:1',
        guid: 'urn:1',
        feedUrl: FEED,
        feedTitle: 'World News',
        title: 'Ceasefire in Idlib',
        url: 'http://news.example/2024/idlib',
        published: '2024-03-05T10:00:00.000Z',
        summary: '<p>Short.</p>',
        content: '<p>Full body.</p>',
      },
    ]);
  });

  it('reads an Atom feed, its HTML titles as plain text', () => {
    const xml = atom('Atom Wire', [
      {
        id: 'tag:wire,2024:1',
        title: '&lt;b&gt;Talks&lt;/b&gt; resume',
        link: 'https://wire.example/talks',
        updated: '2024-05-02T08:00:00Z',
        published: '2024-05-01T08:00:00Z',
        summary: 'Talks resume in Geneva.',
      },
    ]);
    const [item] = parseFeedXml(xml, FEED).items;
    expect(item).toMatchObject({
      key: 'tag:wire,2024:1',
      title: 'Talks resume',
      url: 'https://wire.example/talks',
      published: '2024-05-01T08:00:00.000Z',
      summary: 'Talks resume in Geneva.',
      feedTitle: 'Atom Wire',
    });
  });

  it('decodes entities in titles, including the doubly escaped ones real feeds carry', () => {
    const xml = rss('Caf&amp;eacute; &amp; Co', [
      { title: 'Erdogan&amp;#039;s &#8220;warning&#8221; &amp; Putin', guid: 'g1' },
      { title: 'AT&amp;T &lt; 5%', guid: 'g2' },
    ]);
    const feed = parseFeedXml(xml, FEED);
    expect(feed.title).toBe('Café & Co');
    expect(feed.items.map((i) => i.title)).toEqual([
      "Erdogan's \u201cwarning\u201d & Putin",
      'AT&T < 5%',
    ]);
  });

  it('keys an item without link or guid by a hash of its title and text, stable across re-dating', () => {
    const make = (date: string) =>
      rss('F', [{ title: 'No link', description: 'Body text.', pubDate: date }]);
    const a = parseFeedXml(make('Mon, 01 Jan 2024 00:00:00 GMT'), FEED).items[0]!;
    const b = parseFeedXml(make('Wed, 03 Jan 2024 00:00:00 GMT'), FEED).items[0]!;
    expect(a.url).toBeUndefined();
    expect(a.guid).toBeUndefined();
    expect(a.key).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(b.key).toBe(a.key);
    expect(b.published).not.toBe(a.published);
  });

  it('keys by link when there is no guid, and skips items with nothing in them', () => {
    const xml = rss('F', [{ link: 'http://news.example/a', title: 'A' }, {}]);
    const items = parseFeedXml(xml, FEED).items;
    expect(items.map((i) => i.key)).toEqual(['http://news.example/a']);
  });

  it('takes an RSS guid as the link when it is a permalink, not when isPermaLink="false"', () => {
    const xml = `<rss version="2.0"><channel><title>G</title>
<item><title>A</title><guid>https://news.example/a</guid></item>
<item><title>B</title><guid isPermaLink="false">https://news.example/b</guid></item>
</channel></rss>`;
    const [a, b] = parseFeedXml(xml, FEED).items;
    expect(a).toMatchObject({ key: 'https://news.example/a', url: 'https://news.example/a' });
    expect(b).toMatchObject({ key: 'https://news.example/b' });
    expect(b).not.toHaveProperty('url');
  });

  it('refuses a truncated document with a clear error instead of returning the items before the cut', () => {
    const xml = rss('F', [
      { title: 'A', guid: '1' },
      { title: 'B', guid: '2' },
    ]);
    const cut = xml.slice(0, xml.indexOf('<item>') + 30);
    expect(() => parseFeedXml(cut, FEED)).toThrow(FetchError);
    expect(() => parseFeedXml(cut, FEED)).toThrow(/broken feed XML.*truncated/);
  });

  it('refuses a document that is not a feed, quoting how it starts', () => {
    const fn = () => parseFeedXml('<!doctype html><html><body>Oops</body></html>', FEED);
    expect(fn).toThrow(/not an RSS or Atom feed \(the document starts with "<!doctype html>/);
    try {
      fn();
    } catch (err) {
      expect((err as FetchError).code).toBe('invalid-feed');
      expect((err as FetchError).url).toBe(FEED);
    }
  });

  it('recognises feed roots behind declarations, comments and prefixes', () => {
    expect(looksLikeFeed('\uFEFF<?xml version="1.0"?>\n<!-- hi --><rss version="2.0">')).toBe(true);
    expect(
      looksLikeFeed('<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><feed xmlns="x">'),
    ).toBe(true);
    expect(looksLikeFeed('<rdf:RDF xmlns:rdf="x">')).toBe(true);
    expect(looksLikeFeed('<html><body><rss>')).toBe(false);
  });
});
