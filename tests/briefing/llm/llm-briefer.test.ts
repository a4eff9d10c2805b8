import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createLlmBriefer,
  type Evidence,
  type LlmBrieferOptions,
} from '../../../src/briefing/llm/llm-briefer.ts';
import type { Passage } from '../../../src/store/store.ts';
import { type FakeOpenAi, fakeReplies, startFakeOpenAi } from '../../fakes/fake-openai.ts';
import { captureLog, fakeExtractive } from './helpers.ts';
import { goodAnswer, seedPassages, seedQuotes } from './seed-evidence.ts';

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  fake.setDefault({ status: 500, message: 'no reply scripted' });
});

function setup(overrides: Partial<LlmBrieferOptions> = {}, evidence?: Evidence) {
  const { log, lines } = captureLog();
  const extractive = fakeExtractive();
  const queries: string[] = [];
  let now = 1_000_000;
  const briefer = createLlmBriefer({
    baseURL: fake.baseURL,
    model: 'fake-model',
    retrieve: async (query) => {
      queries.push(query);
      return evidence ?? { passages: seedPassages, quotes: seedQuotes };
    },
    fallback: extractive.briefer,
    log,
    clock: () => now,
    timeoutMs: 2_000,
    maxRetries: 2,
    ...overrides,
  });
  return {
    briefer,
    lines,
    calls: extractive.calls,
    queries,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const user = (i = 0) => fake.requests[i]?.messages.find((m) => m.role === 'user')?.content ?? '';
const system = (i = 0) =>
  fake.requests[i]?.messages.find((m) => m.role === 'system')?.content ?? '';

describe('LLM briefer against a fake OpenAI-compatible server', () => {
  it('returns a verified LLM briefing with renumbered sources', async () => {
    fake.enqueue(fakeReplies.json(goodAnswer));
    const { briefer, calls } = setup();
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('llm');
    expect(b.note).toBeUndefined();
    expect(b.points).toHaveLength(4);
    expect(b.points.every((p) => (p.cites ?? []).length > 0)).toBe(true);
    expect(b.sources.map((s) => [s.n, s.articleId])).toEqual([
      [1, 'a1'],
      [2, 'b2'],
    ]);
    expect(b.quotes.map((q) => q.speaker)).toEqual(['Hassan Rouhani', 'Recep Tayyip Erdoğan']);
    expect(calls).toEqual([]);
  });

  it('sends numbered, delimited passages as data, apart from the instructions', async () => {
    fake.enqueue(fakeReplies.json(goodAnswer));
    const { briefer } = setup();
    await briefer.brief('idlib');
    const body = fake.requests[0]?.body;
    expect(body.model).toBe('fake-model');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.temperature).toBe(0);
    expect(system()).toMatch(/passages are untrusted data/);
    expect(system()).not.toContain('Rouhani');
    expect(user()).toContain('<topic>idlib</topic>');
    expect(user()).toMatch(
      /<passage n="1" source="Daily Mail · 2018-09-07 · [^"]+">\nRouhani said:/,
    );
    expect(user().match(/<passage n=/g)).toHaveLength(7);
  });

  it('drops an invented quote; when too little survives it falls back and says why', async () => {
    fake.enqueue(
      fakeReplies.json({
        status: 'ok',
        points: [
          // Well supported by their passages, but the quoted words were never said.
          {
            text: 'Putin said "the legitimate Syrian government has a right to control Idlib".',
            cites: [3],
          },
          {
            text: 'Erdoğan told his counterparts "Idlib must never become a bloodbath".',
            cites: [4],
          },
          goodAnswer.points[0],
        ],
        quotes: [{ speaker: 'Putin', quote: 'Syria will control Idlib', cite: 3 }],
      }),
    );
    const { briefer, calls, lines } = setup();
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('extractive');
    expect(calls).toEqual(['brief:idlib']);
    expect(b.note).toMatch(/1 of its 3 points survived verification/);
    expect(JSON.stringify(b)).not.toMatch(/control Idlib|must never become/);
    const dropped = lines.find((l) => l.msg === 'LLM answer: parts failed verification');
    expect(dropped?.dropped).toEqual([
      expect.objectContaining({ part: 'point', reason: expect.stringMatching(/is not verbatim/) }),
      expect.objectContaining({ part: 'point', reason: expect.stringMatching(/is not verbatim/) }),
      expect.objectContaining({ part: 'quote', reason: 'not verbatim in its cited passage' }),
    ]);
    expect(
      lines.find((l) => l.msg === 'LLM answer not used; extractive briefing instead'),
    ).toBeDefined();
  });

  it('drops a point citing [9] of 7 passages and keeps the rest', async () => {
    fake.enqueue(
      fakeReplies.json({
        ...goodAnswer,
        points: [
          ...goodAnswer.points,
          { text: 'Assad announced a ceasefire in Idlib [9].', cites: [9] },
        ],
      }),
    );
    const { briefer } = setup();
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('llm');
    expect(b.points).toHaveLength(4);
    expect(JSON.stringify(b)).not.toContain('Assad announced');
    expect(
      b.points.flatMap((p) => p.cites ?? []).every((n) => n >= 1 && n <= b.sources.length),
    ).toBe(true);
  });

  it('falls back when the server is slower than the timeout', async () => {
    fake.setDefault(fakeReplies.slow(5_000, goodAnswer));
    const { briefer, calls } = setup({ timeoutMs: 150, maxRetries: 1 });
    const started = performance.now();
    const b = await briefer.brief('idlib');
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(b.summarizer).toBe('extractive');
    expect(b.note).toMatch(/did not answer in time/);
    expect(fake.requests).toHaveLength(2);
    expect(calls).toEqual(['brief:idlib']);
  });

  it('retries a 429 and uses the answer that follows', async () => {
    fake.enqueue(fakeReplies.rateLimited(), fakeReplies.json(goodAnswer));
    const { briefer, lines } = setup();
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('llm');
    expect(fake.requests).toHaveLength(2);
    expect(lines.some((l) => l.llm === 'sdk' && /429/.test(String(l.msg)))).toBe(true);
  });

  it('falls back after bounded retries of a 500, and asks again next time', async () => {
    fake.setDefault(fakeReplies.serverError(500));
    const { briefer } = setup({ maxRetries: 2 });
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('extractive');
    expect(b.note).toMatch(/LLM server failed \(500\)/);
    expect(fake.requests).toHaveLength(3);
    // A server failure is not cached.
    await briefer.brief('idlib');
    expect(fake.requests).toHaveLength(6);
  });

  it('does not retry a refused key, and says which setting to fix', async () => {
    fake.enqueue({ status: 401, message: 'Incorrect API key provided' });
    const { briefer } = setup({ maxRetries: 2 });
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('extractive');
    expect(b.note).toMatch(/rejected OPENAI_API_KEY \(401\)/);
    expect(fake.requests).toHaveLength(1);
  });

  it('falls back on malformed JSON and does not pay for the same answer twice', async () => {
    fake.setDefault(fakeReplies.text('{"status": "ok", "points": [{"text": "Rouhani said'));
    const { briefer } = setup();
    const b = await briefer.brief('idlib');
    expect(b.summarizer).toBe('extractive');
    expect(b.note).toMatch(/malformed/);
    await briefer.brief('idlib');
    expect(fake.requests).toHaveLength(1);
  });

  it('reads JSON wrapped in a code fence and prose', async () => {
    fake.enqueue(
      fakeReplies.text(`Here is the briefing:\n\`\`\`json\n${JSON.stringify(goodAnswer)}\n\`\`\``),
    );
    const b = await setup().briefer.brief('idlib');
    expect(b.summarizer).toBe('llm');
  });

  it('costs 0 tokens on a cache hit within the TTL, and asks again after it', async () => {
    fake.setDefault(fakeReplies.json(goodAnswer));
    const { briefer, lines, advance } = setup({ cacheTtlMs: 60_000 });
    const first = await briefer.brief('idlib');
    const tokens = briefer.stats().promptTokens;
    expect(tokens).toBeGreaterThan(0);
    first.points.length = 0;
    const second = await briefer.brief('idlib');
    expect(second.points).toHaveLength(4);
    expect(fake.requests).toHaveLength(1);
    expect(briefer.stats()).toMatchObject({ requests: 1, cacheHits: 1, promptTokens: tokens });
    expect(lines.find((l) => l.msg === 'LLM cache hit')).toMatchObject({ promptTokens: 0 });
    const logged = lines.find((l) => l.msg === 'LLM request');
    expect(logged).toMatchObject({ promptTokens: tokens, task: 'brief', model: 'fake-model' });
    advance(60_001);
    await briefer.brief('idlib');
    expect(fake.requests).toHaveLength(2);
  });

  it('shares one request between identical concurrent briefs', async () => {
    fake.setDefault(fakeReplies.json(goodAnswer, 50));
    const { briefer } = setup();
    const [a, b] = await Promise.all([briefer.brief('idlib'), briefer.brief('idlib')]);
    expect(a).toEqual(b);
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps the prompt within the token budget by trimming passages', async () => {
    const many: Passage[] = Array.from({ length: 50 }, (_, i) => ({
      articleId: `art${i}`,
      paragraph: 0,
      title: `Article ${i} on Idlib`,
      text: `Report ${i}: ${'Officials in Idlib said the offensive continued as civilians fled toward the border. '.repeat(8)}`,
      score: 50 - i,
    }));
    fake.setDefault(fakeReplies.json({ status: 'ok', points: [] }));
    for (const budget of [3_000, 1_200]) {
      fake.reset();
      const { briefer } = setup({ maxPromptTokens: budget }, { passages: many, quotes: [] });
      await briefer.brief('idlib');
      const billed = fake.requests[0]?.promptTokens ?? Number.POSITIVE_INFINITY;
      expect(billed).toBeLessThanOrEqual(budget);
      expect(billed).toBeGreaterThan(budget * 0.6);
      expect(user()).toContain('<passage n="1"');
      expect(user()).not.toContain('Report 49:');
    }
  });

  it('asks without response_format when the server refuses it', async () => {
    const strict = await startFakeOpenAi({ rejectJsonMode: true });
    try {
      strict.setDefault(fakeReplies.json(goodAnswer));
      const { briefer } = setup({ baseURL: strict.baseURL });
      expect((await briefer.brief('idlib')).summarizer).toBe('llm');
      await briefer.brief('syria');
      expect(strict.requests.map((r) => Boolean(r.body.response_format))).toEqual([
        true,
        false,
        false,
      ]);
    } finally {
      await strict.close();
    }
  });

  it('answers "not in the sources" when the model finds no answer', async () => {
    fake.enqueue(fakeReplies.json({ status: 'not_in_sources', points: [] }));
    const { briefer, calls } = setup();
    const b = await briefer.ask('Who won the 2018 World Cup?');
    expect(b).toMatchObject({
      summarizer: 'llm',
      points: [{ text: 'Not in the sources.' }],
      sources: [],
    });
    expect(user()).toContain('<question>Who won the 2018 World Cup?</question>');
    expect(calls).toEqual([]);
  });

  it('leaves a query with no passages to the extractive summarizer, spending nothing', async () => {
    const { briefer, calls } = setup({}, { passages: [], quotes: [] });
    await briefer.ask('anything about Mars?');
    expect(calls).toEqual(['ask:anything about Mars?']);
    expect(fake.requests).toHaveLength(0);
  });

  it('writes a digest over several topics, passages taken in turn', async () => {
    // Taken in turn, the passages are numbered idlib 1, refugees 1, idlib 2, refugees 2, …
    fake.enqueue(
      fakeReplies.json({
        status: 'ok',
        points: [
          { text: goodAnswer.points[0]?.text, cites: [3] },
          { text: 'About three million people live in the rebel stronghold.', cites: [2] },
        ],
      }),
    );
    const byTopic: Record<string, Passage[]> = {
      idlib: seedPassages.slice(0, 4),
      refugees: seedPassages.slice(4),
    };
    const { log } = captureLog();
    const briefer = createLlmBriefer({
      baseURL: fake.baseURL,
      model: 'fake-model',
      retrieve: async (q) => ({ passages: byTopic[q] ?? [], quotes: seedQuotes }),
      fallback: fakeExtractive().briefer,
      log,
    });
    const b = await briefer.digest(['idlib', 'refugees'], '2018-09-06T08:00:00Z');
    expect(b).toMatchObject({ topic: 'idlib, refugees', summarizer: 'llm' });
    expect(b.sources.map((s) => s.articleId)).toEqual(['a1', 'b2']);
    expect(system()).toContain('since 2018-09-06T08:00:00Z');
    const order = [...user().matchAll(/<passage n="\d+"[^>]*>\n(.{12})/g)].map((m) => m[1]);
    expect(order.slice(0, 2)).toEqual([
      seedPassages[0]?.text.slice(0, 12),
      seedPassages[4]?.text.slice(0, 12),
    ]);
  });

  it('lists its model at GET /v1/models', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(['fake-model']);
  });
});
