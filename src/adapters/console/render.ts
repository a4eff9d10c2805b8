import type { Block, Reply } from '../../core/reply.ts';
import { stripBidiControls } from '../untrusted-text.ts';

const cites = (ns?: number[]) =>
  ns && ns.length > 0 ? ` ${ns.map((n) => `[${n}]`).join('')}` : '';

// Article text is untrusted: terminal escape sequences in it must not drive the terminal, and
// bidi overrides must not make it read backwards.
const safe = (text: string) =>
  stripBidiControls(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `\n## ${safe(block.text)}`;
    case 'text':
      return `${safe(block.text)}${cites(block.cites)}`;
    case 'list':
      return block.items.map((item) => `  • ${safe(item.text)}${cites(item.cites)}`).join('\n');
    case 'quote': {
      const who = block.role ? `${safe(block.speaker)} (${safe(block.role)})` : safe(block.speaker);
      const words =
        block.kind === 'direct' ? `“${safe(block.text)}”` : `(reported) ${safe(block.text)}`;
      return `  ${who}: ${words}${block.cite ? ` [${block.cite}]` : ''}`;
    }
    case 'sources':
      return block.items
        .map((c) => {
          const meta = [c.outlet, c.published?.slice(0, 10)]
            .filter(Boolean)
            .map((m) => safe(m as string));
          return `  [${c.n}] ${safe(c.title)}${meta.length ? ` (${meta.join(', ')})` : ''}${c.url ? ` ${safe(c.url)}` : ''}`;
        })
        .join('\n');
  }
}

/** A reply as readable terminal text. */
export function renderConsole(reply: Reply): string {
  const parts = reply.title ? [`# ${safe(reply.title)}`] : [];
  for (const block of reply.blocks) parts.push(renderBlock(block));
  return parts.join('\n');
}
