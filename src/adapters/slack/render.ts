import type { types } from '@slack/bolt';
import type { Block, Citation, Reply } from '../../core/reply.ts';
import { stripBidiControls } from '../untrusted-text.ts';
import { escapeMrkdwn, isolateBidi, mrkdwnLink } from './mrkdwn.ts';

type KnownBlock = types.KnownBlock;

/** One Slack message: the notification fallback and the Block Kit blocks. */
export interface SlackMessage {
  /** Shown in notifications and by clients without Block Kit; escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

/** Slack's documented Block Kit limits (https://api.slack.com/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  blocksPerMessage: 50,
  headerText: 150,
  /** Our own cap on the text of one message: long messages are hard to read and Slack truncates. */
  messageChars: 12_000,
  /** Fallback `text` length; it only has to say what the message is. */
  fallbackText: 300,
} as const;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Cuts to at most `max` UTF-16 units on a grapheme boundary, so no emoji is split in half. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

/** The last safe cut at or before `max`: not inside an entity (`&amp;`) or a grapheme. */
function cutPoint(text: string, max: number): number {
  const newline = text.lastIndexOf('\n', max);
  if (newline > max / 2) return newline + 1;
  const space = text.lastIndexOf(' ', max);
  let cut = space > max / 2 ? space + 1 : 0;
  if (cut === 0) {
    for (const { index } of graphemes.segment(text)) {
      if (index > max) break;
      cut = index;
    }
  }
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  return cut > 0 ? cut : max;
}

/** Splits already-escaped mrkdwn into pieces of at most `max` characters. */
function split(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces.filter((p) => p.trim() !== '');
}

function section(text: string): KnownBlock {
  // verbatim: Slack does not auto-link bare URLs, #channels or @names in our text.
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

/**
 * Packs formatted lines into sections of at most 3,000 characters; a line that is longer on its
 * own is split, and every piece keeps the line's `prefix` (the blockquote's `>`).
 */
function sections(lines: readonly string[], prefix = ''): KnownBlock[] {
  const max = SLACK_LIMITS.sectionText;
  const out: KnownBlock[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') out.push(section(current));
    current = '';
  };
  for (const line of lines) {
    for (const piece of split(line, max - prefix.length)) {
      const next = `${prefix}${piece}`;
      if (current && current.length + 1 + next.length > max) flush();
      current = current ? `${current}\n${next}` : next;
    }
  }
  flush();
  return out;
}

function cites(numbers: readonly number[] | undefined): string {
  return (numbers ?? []).map((n) => ` [${n}]`).join('');
}

function sourceLine(c: Citation): string {
  const about = [c.outlet, c.published?.slice(0, 10)]
    .filter(Boolean)
    .map((s) => escapeMrkdwn(s ?? ''));
  const title = mrkdwnLink(c.url, truncate(c.title || 'untitled', 300));
  return `${c.n}. ${title}${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
}

function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return sections([`*${escapeMrkdwn(truncate(block.text, 300))}*`]);
    case 'text':
      return sections([`${isolateBidi(escapeMrkdwn(block.text))}${cites(block.cites)}`]);
    case 'list':
      return sections(
        block.items.map((item) => `• ${isolateBidi(escapeMrkdwn(item.text))}${cites(item.cites)}`),
      );
    case 'quote': {
      const words = isolateBidi(escapeMrkdwn(block.text));
      const body = block.kind === 'direct' ? `“${words}”` : words;
      const who = [`*${escapeMrkdwn(block.speaker)}*`, block.role && escapeMrkdwn(block.role)]
        .filter(Boolean)
        .join(', ');
      const kind = block.kind === 'direct' ? 'quoted' : 'reported';
      const cite = block.cite === undefined ? '' : ` [${block.cite}]`;
      return sections([...body.split('\n'), `— ${who} (${kind})${cite}`], '> ');
    }
    case 'sources':
      return sections(['*Sources*', ...block.items.map(sourceLine)]);
  }
}

function blockChars(block: KnownBlock): number {
  return block.type === 'section' || block.type === 'header' ? (block.text?.text.length ?? 0) : 0;
}

/**
 * Renders a reply as Block Kit, split into as many messages as Slack's limits need
 * (3,000 characters per section, 50 blocks per message, 150-character header). The header
 * appears on the first message only; the rest say "continued" in their fallback text.
 */
export function renderSlack(reply: Reply): SlackMessage[] {
  const body = reply.blocks.flatMap(renderBlock);
  if (body.length === 0 && !reply.title) body.push(section('(empty reply)'));
  const header: KnownBlock[] = reply.title
    ? [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            // plain_text shows no markup, but a bidi override would still reverse it, and angle
            // brackets become look-alikes so that no `<!here>` ever leaves in a message.
            text: truncate(
              stripBidiControls(reply.title).replace(/</g, '\u2039').replace(/>/g, '\u203a'),
              SLACK_LIMITS.headerText,
            ),
            emoji: true,
          },
        },
      ]
    : [];
  const chunks: KnownBlock[][] = [];
  let current: KnownBlock[] = [...header];
  let chars = header.length > 0 ? SLACK_LIMITS.headerText : 0;
  for (const block of body) {
    const size = blockChars(block);
    const full =
      current.length >= SLACK_LIMITS.blocksPerMessage || chars + size > SLACK_LIMITS.messageChars;
    if (full && current.length > 0) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length > 0) chunks.push(current);

  // Truncated before escaping, so the cut never falls inside an entity such as `&amp;`.
  const summary = truncate(reply.title ?? firstText(reply.blocks), SLACK_LIMITS.fallbackText);
  return chunks.map((blocks, i) => ({
    text: escapeMrkdwn(i === 0 ? summary : `${summary} (continued ${i + 1}/${chunks.length})`),
    blocks,
  }));
}

function firstText(blocks: readonly Block[]): string {
  for (const block of blocks) {
    if (block.type === 'text' || block.type === 'heading') return block.text;
  }
  return 'newsbrief';
}
