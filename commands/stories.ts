import { listStories } from '../src/briefing/list-stories.ts';
import { storyDates } from '../src/briefing/story-briefing.ts';
import type { CommandDef } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';

/** `/stories [topic]`: the current stories, newest and most covered first. */
export const stories: CommandDef = {
  name: 'stories',
  description:
    'The current stories: title, outlets, article count and dates, newest and most covered first',
  options: [{ name: 'topic', description: 'Only stories about this', rest: true, maxLength: 200 }],
  async run({ services }, args) {
    const found = await listStories(services.store, args.topic);
    if (found.length === 0) {
      throw new UserError(
        args.topic
          ? `No story mentions "${args.topic}" yet. Try /stories to see the current ones.`
          : 'No stories yet. Ingest some articles with: newsbrief ingest <file, folder or URL>',
      );
    }
    const items = found.map((s) => {
      const outlets = s.outlets.length
        ? `${s.outlets.length} outlet${s.outlets.length === 1 ? '' : 's'} (${s.outlets.join(', ')})`
        : 'outlet unknown';
      const articles = `${s.articles} article${s.articles === 1 ? '' : 's'}`;
      return { text: `${s.title}: ${outlets}, ${articles}, ${storyDates(s)} · /brief ${s.id}` };
    });
    const title = args.topic ? `Stories on "${args.topic}"` : 'Stories, newest first';
    return { title, blocks: [{ type: 'list', items }] };
  },
};
