/**
 * Prompt tokens of an LLM /brief on a 50-article topic (target <= 3,000), and on a cache hit
 * (target 0), against the fake OpenAI-compatible server on 127.0.0.1.
 * Run: npx tsx scripts/bench-llm-tokens.ts
 */
import pino from 'pino';
import type { Briefer, Briefing } from '../src/briefing/briefing.ts';
import { estimateTokens } from '../src/briefing/llm/estimate-tokens.ts';
import { createLlmBriefer } from '../src/briefing/llm/llm-briefer.ts';
import type { Passage, StoredQuote } from '../src/store/store.ts';
import { type FakeChatRequest, fakeReplies, startFakeOpenAi } from '../tests/fakes/fake-openai.ts';

const ARTICLES = 50;
const TARGET = 3_000;
const speakers = ['Hassan Rouhani', 'Vladimir Putin', 'Recep Tayyip Erdogan', 'Jim Jeffrey'];
const places = ['Idlib', 'Hama', 'Latakia', 'Aleppo', 'Khan Sheikhoun'];

/** 50 articles of 6 paragraphs on one topic, about the length of wire copy. */
function corpus(): { passages: Passage[]; quotes: StoredQuote[] } {
  const passages: Passage[] = [];
  const quotes: StoredQuote[] = [];
  for (let a = 0; a < ARTICLES; a++) {
    const meta = {
      articleId: `article-${a}`,
      title: `Idlib offensive: day ${a + 1} of talks in Tehran`,
      outlet: ['Reuters', 'AP', 'AFP', 'Al Jazeera'][a % 4],
      url: `https://news.example/idlib/${a}`,
      published: new Date(Date.UTC(2018, 8, 1 + (a % 20))).toISOString(),
    };
    const speaker = speakers[a % speakers.length] ?? 'a UN official';
    const place = places[a % places.length];
    const said = `the offensive in ${place} must not become a bloodbath for ${(a + 3) * 1000} civilians`;
    const paragraphs = [
      `Forces massed near ${place} on day ${a + 1} as the leaders of Iran, Russia and Turkey met in Tehran to discuss the fate of the last rebel stronghold in Syria.`,
      `"We warn that ${said}," ${speaker} said, adding that talks would continue.`,
      `About ${(a % 3) + 2} million people live in the province, and the UN said an assault could displace ${(a + 7) * 10_000} people within weeks.`,
      `Aid groups said ${a + 12} hospitals had closed and that food prices had risen by ${a + 20} percent since the air strikes resumed.`,
      `Turkey, which already hosts 3.5 million Syrian refugees, has sealed its border and deployed troops to ${(a % 12) + 1} observation posts in the region.`,
      `Residents of ${place} said they were digging shelters and making gas masks from paper cups, fearing chemical weapons.`,
    ];
    paragraphs.forEach((text, paragraph) => {
      // Ranks mixed across articles, as BM25 would rank them.
      passages.push({ ...meta, paragraph, text, score: 1000 - ((a * 7 + paragraph * 13) % 300) });
    });
    quotes.push({
      ...meta,
      paragraph: 1,
      speaker,
      quote: `We warn that ${said},`,
      kind: 'direct',
      start: 0,
      end: said.length,
    });
  }
  passages.sort((x, y) => y.score - x.score);
  return { passages, quotes };
}

/** A model that summarises faithfully: it copies sentences of the first passages it was sent. */
function faithfulModel(request: FakeChatRequest) {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const shown = [...user.matchAll(/<passage n="(\d+)"[^>]*>\n([^\n]+)/g)].map((m) => ({
    n: Number(m[1]),
    text: m[2] ?? '',
  }));
  const points = shown
    .slice(0, 5)
    .map((p) => ({ text: p.text.split(/(?<=\.) /)[0], cites: [p.n] }));
  return fakeReplies.json({ status: 'ok', points, numbers: [], quotes: [] });
}

const extractive: Briefer = {
  brief: async (topic): Promise<Briefing> => ({
    topic,
    points: [],
    numbers: [],
    quotes: [],
    sources: [],
    summarizer: 'extractive',
  }),
  ask: async (question) => extractive.brief(question),
};

const fake = await startFakeOpenAi();
try {
  fake.setDefault(faithfulModel);
  const evidence = corpus();
  const briefer = createLlmBriefer({
    baseURL: fake.baseURL,
    model: 'fake-model',
    retrieve: async () => evidence,
    fallback: extractive,
    log: pino({ level: 'silent' }),
    maxPromptTokens: TARGET,
  });

  const first = await briefer.brief('idlib');
  const afterFirst = briefer.stats();
  const request = fake.requests[0];
  const prompt = request?.messages.map((m) => m.content).join('\n') ?? '';
  const shown = (prompt.match(/<passage n=/g) ?? []).length;
  await briefer.brief('idlib');
  const afterSecond = briefer.stats();
  const cacheHitTokens = afterSecond.promptTokens - afterFirst.promptTokens;

  const estimated = request
    ? request.messages.reduce((s, m) => s + estimateTokens(m.content) + 4, 0)
    : 0;
  console.log(
    `LLM /brief on a ${ARTICLES}-article topic (${evidence.passages.length} passages retrieved)`,
  );
  console.log(`  passages sent to the model:        ${shown}`);
  console.log(
    `  prompt tokens, billed by the fake:  ${afterFirst.promptTokens} (chars/4 per message)`,
  );
  console.log(`  prompt tokens, newsbrief estimate:  ${estimated} (budget ${TARGET})`);
  console.log(`  prompt characters:                  ${prompt.length}`);
  console.log(
    `  answer used:                        ${first.summarizer}, ${first.points.length} points, ${first.sources.length} sources`,
  );
  console.log(
    `  same /brief again (cache hit):      ${cacheHitTokens} prompt tokens, ${fake.requests.length} request(s) in all`,
  );
  const ok =
    afterFirst.promptTokens <= TARGET &&
    estimated <= TARGET &&
    cacheHitTokens === 0 &&
    fake.requests.length === 1;
  console.log(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} finally {
  await fake.close();
}
