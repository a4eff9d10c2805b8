import { dedupeQuotes } from '../src/analysis/quotes/dedupe-quotes.ts';
import { Citations } from '../src/briefing/citations.ts';
import type { CommandDef } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import type { Block } from '../src/core/reply.ts';
import type { Person } from '../src/store/speaker-names.ts';

const MAX_QUOTES = 10;
/** Quotes a topic's "who said what" is drawn from. */
const TOPIC_QUOTES = 60;
/** How many stored quotes are read per quote shown, for those repeated word for word. */
const REPEATS = 3;
const MAX_CANDIDATES = 8;

/** When a name means several people: who they are, and that the most quoted is shown. */
function ambiguity(query: string, people: readonly Person[]): Block {
  const listed = people
    .slice(0, MAX_CANDIDATES)
    .map((p) => `${p.name} (${p.quotes} ${p.quotes === 1 ? 'quote' : 'quotes'})`);
  const more = people.length > MAX_CANDIDATES ? `, and ${people.length - MAX_CANDIDATES} more` : '';
  return {
    type: 'text',
    text: `"${query}" may mean ${people.length} people: ${listed.join(', ')}${more}. Showing ${people[0]!.name}; give a full name for another.`,
  };
}

/**
 * `/who <name or topic>`: a speaker's quotes verbatim, each with its article; or, for a topic,
 * who spoke on it and what each said.
 */
export const who: CommandDef = {
  name: 'who',
  description: "A speaker's quotes, verbatim with their articles; or, for a topic, who said what",
  options: [
    {
      name: 'query',
      description: 'A name (erdogan) or a topic (ceasefire)',
      required: true,
      rest: true,
      maxLength: 200,
    },
  ],
  async run({ services }, args) {
    const query = args.query ?? '';
    const people = await services.store.peopleNamed(query);
    // A quote in several articles (syndicated copies, a pull quote) is shown once: ask for more
    // than are shown.
    const bySpeaker =
      people.length > 0
        ? dedupeQuotes(
            await services.store.quotesBySpeaker(query, { limit: MAX_QUOTES * REPEATS }),
          ).slice(0, MAX_QUOTES)
        : [];
    const quotes =
      bySpeaker.length > 0
        ? bySpeaker
        : dedupeQuotes(
            await services.store.quotesByTopic(query, { limit: TOPIC_QUOTES * REPEATS }),
          ).slice(0, TOPIC_QUOTES);
    if (quotes.length === 0) {
      throw new UserError(`No quotes by or about "${query}" in the stored articles.`);
    }
    const citations = new Citations();
    const blocks: Block[] = [];
    if (bySpeaker.length > 0 && people.length > 1) blocks.push(ambiguity(query, people));
    const speakers = [...new Set(quotes.map((q) => q.speaker))];
    for (const speaker of speakers.slice(0, 8)) {
      if (bySpeaker.length === 0) blocks.push({ type: 'heading', text: speaker });
      const theirs = quotes
        .filter((q) => q.speaker === speaker)
        .slice(0, bySpeaker.length > 0 ? MAX_QUOTES : 3);
      for (const q of theirs) {
        blocks.push({
          type: 'quote',
          speaker: q.speaker,
          role: q.role,
          text: q.quote,
          kind: q.kind,
          cite: citations.cite(q),
        });
      }
    }
    blocks.push({ type: 'heading', text: 'Sources' }, { type: 'sources', items: citations.list });
    const title =
      bySpeaker.length > 0 ? `Quotes: ${bySpeaker[0]?.speaker}` : `Who said what: ${query}`;
    return { title, blocks };
  },
};
