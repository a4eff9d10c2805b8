import type { CommandDef } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';

/** `/sources [topic]`: which articles the bot holds, their stories, and what cleaning removed. */
export const sources: CommandDef = {
  name: 'sources',
  description:
    'Which articles the bot holds: title, outlet, date, story, and what cleaning removed',
  options: [
    { name: 'topic', description: 'Only articles that mention this', rest: true, maxLength: 200 },
  ],
  async run({ services }, args) {
    const total = await services.store.countArticles();
    if (total === 0)
      throw new UserError(
        'No articles yet. Ingest some with: newsbrief ingest <file, folder or URL>',
      );
    const articles = await services.store.listArticles({ topic: args.topic, limit: 25 });
    if (articles.length === 0) throw new UserError(`No stored article mentions "${args.topic}".`);
    const storyOf = await services.store.storiesOfArticles(articles.map((a) => a.id));
    const items = articles.map((a) => {
      const meta = [a.outlet, (a.published ?? a.ingestedAt).slice(0, 10)]
        .filter(Boolean)
        .join(', ');
      const reasons = Object.entries(a.removedByReason)
        .map(([reason, n]) => `${n} ${reason}`)
        .join('; ');
      const cleaning =
        a.removed > 0 ? ` Cleaning removed ${a.removed}: ${reasons}.` : ' Nothing removed.';
      const s = storyOf.get(a.id);
      const story = s ? ` Story: ${s.title} (${s.id}).` : '';
      return { text: `${a.title} (${meta}).${story} ${a.paragraphs} paragraphs.${cleaning}` };
    });
    const shown = args.topic
      ? `${articles.length} on "${args.topic}"`
      : `${articles.length} of ${total}`;
    return { title: `Sources: ${shown}`, blocks: [{ type: 'list', items }] };
  },
};
