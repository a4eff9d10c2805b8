import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Briefer } from '../../src/briefing/briefing.ts';
import { chooseBriefer } from '../../src/briefing/llm/choose-briefer.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { redactUrl, redactUrls } from '../../src/redact-url.ts';

/** A JSON-lines logger as the bot makes it, its lines captured. */
function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('info', false, stream), lines };
}

describe('redactUrl (issue 13, item 4)', () => {
  it.each([
    ['http://user:pass@host/v1?api-key=sk-123', 'http://***@host/v1?api-key=***'],
    ['https://h.example/rss?token=abc&lang=en', 'https://h.example/rss?token=***&lang=en'],
    [
      'https://h.example/a?sig=1&X-Amz-Credential=2&page=3',
      'https://h.example/a?sig=***&X-Amz-Credential=***&page=3',
    ],
    ['https://h.example/rss?lang=en', 'https://h.example/rss?lang=en'],
    ['not a url', 'not a url'],
  ])('%s -> %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });

  it('finds URLs inside a message', () => {
    expect(redactUrls('http://u:p@x.example/f?key=k: HTTP 500')).toBe(
      'http://***@x.example/f?key=***: HTTP 500',
    );
  });
});

describe('the log never carries a URL credential', () => {
  it('OPENAI_BASE_URL with user, password and api-key, logged at start', () => {
    const { log, lines } = capture();
    const config = loadConfig({
      OPENAI_BASE_URL: 'http://user:hunter2@llm.example/v1?api-key=sk-secret',
    });
    chooseBriefer(config, {
      extractive: {} as Briefer,
      retrieve: async () => ({ passages: [], quotes: [] }),
      log,
    });
    const text = lines.join('');
    // Before: `"baseURL":"http://user:hunter2@llm.example/v1?api-key=sk-secret"` on every start.
    expect(text).toContain('http://***@llm.example/v1?api-key=***');
    expect(text).not.toMatch(/hunter2|sk-secret|user:/);
  });

  it('in bindings, fields, nested objects, errors and messages', () => {
    const { log, lines } = capture();
    const feed = 'https://reader:hunter2@feeds.example/rss?token=t0ken';
    const child = log.child({ feed });
    child.warn({ err: new Error(`${feed}: HTTP 500`), page: { url: feed } }, `polling ${feed}`);
    const text = lines.join('');
    expect(text).not.toMatch(/hunter2|t0ken/);
    expect(text).toContain('https://***@feeds.example/rss?token=***');
    expect(JSON.parse(lines[0]!).err.message).toBe(
      'https://***@feeds.example/rss?token=***: HTTP 500',
    );
  });
});

describe('a feed URL with credentials is refused by config', () => {
  it('names the variable and the fix, and never echoes the password', () => {
    let error: unknown;
    try {
      loadConfig({
        NEWSBRIEF_FEEDS: 'https://ok.example/rss, https://me:hunter2@private.example/rss',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      'NEWSBRIEF_FEEDS: a feed URL carries a user name or password (https://user:pass@…); feeds are read without logging in, so remove them from the URL',
    );
    expect((error as Error).message).not.toContain('hunter2');
  });
});
