import type { Block, Reply } from '../core/reply.ts';
import type { Briefing } from './briefing.ts';

/** A briefing as a platform-neutral reply: points, numbers, who said what, sources. */
export function briefingReply(b: Briefing, title: string, pointsHeading = 'Key points'): Reply {
  const blocks: Block[] = [];
  if (b.points.length > 0)
    blocks.push({ type: 'heading', text: pointsHeading }, { type: 'list', items: b.points });
  if (b.numbers.length > 0)
    blocks.push({ type: 'heading', text: 'Key numbers' }, { type: 'list', items: b.numbers });
  if (b.quotes.length > 0) {
    blocks.push({ type: 'heading', text: 'Who said what' });
    for (const q of b.quotes) blocks.push({ type: 'quote', ...q });
  }
  if (b.note) blocks.push({ type: 'text', text: b.note });
  if (b.sources.length > 0)
    blocks.push({ type: 'heading', text: 'Sources' }, { type: 'sources', items: b.sources });
  return { title, blocks };
}
