import type { Block, Reply } from '../core/reply.ts';
import type { Briefing } from './briefing.ts';
import { storyDates } from './story-briefing.ts';

/**
 * A briefing as a platform-neutral reply: the story it briefs, points, numbers, who said what,
 * which outlets covered it and where they differ, earlier or related stories, sources.
 */
export function briefingReply(b: Briefing, title: string, pointsHeading = 'Key points'): Reply {
  const blocks: Block[] = [];
  const story = b.stories?.[0];
  if (story)
    blocks.push({
      type: 'text',
      text: `Story: ${story.title} (${storyDates(story)}, ${story.id})`,
    });
  if (b.points.length > 0)
    blocks.push({ type: 'heading', text: pointsHeading }, { type: 'list', items: b.points });
  if (b.numbers.length > 0)
    blocks.push({ type: 'heading', text: 'Key numbers' }, { type: 'list', items: b.numbers });
  if (b.quotes.length > 0) {
    blocks.push({ type: 'heading', text: 'Who said what' });
    for (const q of b.quotes) blocks.push({ type: 'quote', ...q });
  }
  if (b.coverage)
    blocks.push({ type: 'heading', text: 'Coverage' }, { type: 'text', ...b.coverage });
  if (b.differences && b.differences.length > 0)
    blocks.push(
      { type: 'heading', text: 'Where they differ' },
      { type: 'list', items: b.differences },
    );
  if (b.related && b.related.length > 0)
    blocks.push(
      { type: 'heading', text: 'Earlier and related stories' },
      { type: 'list', items: b.related },
    );
  if (b.note) blocks.push({ type: 'text', text: b.note });
  if (b.sources.length > 0)
    blocks.push({ type: 'heading', text: 'Sources' }, { type: 'sources', items: b.sources });
  return { title, blocks };
}
