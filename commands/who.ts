import { Citations } from '../src/briefing/citations.ts';
import type { CommandDef } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import type { Block } from '../src/core/reply.ts';

const MAX_QUOTES = 10;

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
    const bySpeaker = await services.store.quotesBySpeaker(query, { limit: MAX_QUOTES });
    const quotes =
      bySpeaker.length > 0 ? bySpeaker : await services.store.quotesByTopic(query, { limit: 60 });
    if (quotes.length === 0) {
      throw new UserError(`No quotes by or about "${query}" in the stored articles.`);
    }
    const citations = new Citations();
    const blocks: Block[] = [];
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
