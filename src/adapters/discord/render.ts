import type { APIEmbed } from 'discord.js';
import type { Block, Citation, Reply } from '../../core/reply.ts';
import { stripBidiControls } from '../untrusted-text.ts';
import { escapeDiscord } from './escape-discord.ts';

/**
 * Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * Lengths are counted in UTF-16 code units, which is never fewer than Discord's own count.
 */
export const DISCORD_LIMITS = Object.freeze({
  content: 2000,
  title: 256,
  description: 4096,
  fieldValue: 1024,
  embedsPerMessage: 10,
  totalPerMessage: 6000,
});

/** One message as the bot posts it; `allowedMentions` is always set so nothing ever pings. */
export interface DiscordMessage {
  content?: string;
  embeds?: APIEmbed[];
  allowedMentions: { parse: [] };
}

const EMBED_COLOR = 0x2f6f9f;

/** One line (or unbreakable unit) of rendered markdown. */
interface Piece {
  text: string;
  /** Starts a new block: separated from the previous piece by a blank line. */
  blockStart: boolean;
  /** A heading: never left alone at the end of an embed. */
  keepWithNext?: boolean;
  /** Prefix for the continuation lines when an over-long piece must be cut (quotes). */
  continuation?: string;
}

const cites = (ns: readonly number[] | undefined) =>
  ns && ns.length > 0 ? ` ${ns.map((n) => `[${n}]`).join('')}` : '';

/** Collapses newlines: a blockquote or bullet is one line on Discord. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

function sourceLine(c: Citation): string {
  const title = escapeDiscord(oneLine(c.title));
  // Only http(s) links become masked links; a bracket in the URL would end the link early.
  const link =
    c.url && /^https?:\/\/\S+$/i.test(c.url)
      ? `[${title}](${stripBidiControls(c.url).replace(/[()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})`
      : title;
  const meta = [
    c.outlet && escapeDiscord(oneLine(c.outlet)),
    c.published && escapeDiscord(c.published.slice(0, 10)),
  ]
    .filter(Boolean)
    .join(', ');
  return `**[${c.n}]** ${link}${meta ? ` (${meta})` : ''}`;
}

function piecesOf(block: Block): Piece[] {
  switch (block.type) {
    case 'heading':
      return [
        { text: `**${escapeDiscord(oneLine(block.text))}**`, blockStart: true, keepWithNext: true },
      ];
    case 'text':
      return block.text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i, all) => ({
          text: escapeDiscord(p) + (i === all.length - 1 ? cites(block.cites) : ''),
          blockStart: true,
        }));
    case 'list':
      return block.items.map((item, i) => ({
        text: `• ${escapeDiscord(oneLine(item.text))}${cites(item.cites)}`,
        blockStart: i === 0,
      }));
    case 'quote': {
      const who = [
        `**${escapeDiscord(oneLine(block.speaker))}**`,
        block.role && escapeDiscord(oneLine(block.role)),
      ]
        .filter(Boolean)
        .join(', ');
      const words = escapeDiscord(oneLine(block.text));
      const cite = block.cite === undefined ? '' : ` [${block.cite}]`;
      const text =
        block.kind === 'direct'
          ? `> “${words}” — ${who}${cite}`
          : `> ${who} (reported): ${words}${cite}`;
      return [{ text, blockStart: true, continuation: '> ' }];
    }
    case 'sources':
      return block.items.map((c, i) => ({ text: sourceLine(c), blockStart: i === 0 }));
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts text into chunks of at most `max`, preferring a line break, then a sentence end, then a
 * space, so a citation `[n]` or an escaped character is never cut; only a single "word" longer
 * than `max` is cut, and then between graphemes (an emoji or a combining mark stays whole).
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('\n'), 0);
    if (cut < max / 2) cut = Math.max(cut, lastMatch(window, /[.!?]["”’)]?\s/g));
    if (cut < max / 2) cut = Math.max(cut, window.lastIndexOf(' '));
    if (cut <= 0) cut = graphemeCut(rest, max);
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** Index just after the last match (the cut keeps the punctuation, drops the space). */
function lastMatch(text: string, re: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index + m[0].length - 1;
  return at;
}

function graphemeCut(text: string, max: number): number {
  let cut = 0;
  for (const { index, segment } of graphemes.segment(text.slice(0, max + 16))) {
    // A lone backslash at the end would escape nothing here and swallow a character there.
    if (index + segment.length > max || (segment === '\\' && index + 1 >= max)) break;
    cut = index + segment.length;
  }
  return cut > 0 ? cut : max;
}

/** Pieces no longer than `max`, cutting only the rare over-long one. */
function fitPieces(pieces: Piece[], max: number): Piece[] {
  return pieces.flatMap((p) => {
    if (p.text.length <= max) return [p];
    const prefix = p.continuation ?? '';
    const [first = '', ...more] = splitText(p.text, max - prefix.length);
    return [
      { ...p, text: first },
      ...more.map((text) => ({ text: prefix + text, blockStart: false })),
    ];
  });
}

/** Glues each heading to the piece after it, when they fit together. */
function keepHeadings(pieces: Piece[], max: number): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const next = pieces[i + 1];
    if (p.keepWithNext && next && p.text.length + 1 + next.text.length <= max) {
      out.push({ text: `${p.text}\n${next.text}`, blockStart: true });
      i++;
    } else out.push(p);
  }
  return out;
}

/** Joins pieces into texts of at most `max` characters. */
function pack(pieces: Piece[], max: number): string[] {
  const texts: string[] = [];
  let current = '';
  for (const p of pieces) {
    const joined = current ? `${current}${p.blockStart ? '\n\n' : '\n'}${p.text}` : p.text;
    if (joined.length <= max) current = joined;
    else {
      if (current) texts.push(current);
      current = p.text;
    }
  }
  if (current) texts.push(current);
  return texts;
}

const message = (m: Omit<DiscordMessage, 'allowedMentions'>): DiscordMessage => ({
  ...m,
  allowedMentions: { parse: [] },
});

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${splitText(text, max - 1)[0]}…`;
}

/**
 * Renders a reply as Discord messages: a short plain answer as content (at most 2,000
 * characters), anything else as embeds within every embed and per-message limit, split between
 * lines and blocks, never inside a citation or a quote.
 */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const title = reply.title
    ? truncate(escapeDiscord(oneLine(reply.title)), DISCORD_LIMITS.title)
    : undefined;
  const plain = !title && reply.blocks.every((b) => b.type === 'text');
  if (plain) {
    const pieces = keepHeadings(
      fitPieces(reply.blocks.flatMap(piecesOf), DISCORD_LIMITS.content),
      DISCORD_LIMITS.content,
    );
    const texts = pack(pieces, DISCORD_LIMITS.content);
    if (texts.length === 1) return [message({ content: texts[0] })];
  }
  const pieces = keepHeadings(
    fitPieces(reply.blocks.flatMap(piecesOf), DISCORD_LIMITS.description),
    DISCORD_LIMITS.description,
  );
  const descriptions = pack(pieces, DISCORD_LIMITS.description);
  if (descriptions.length === 0 && !title) return [message({ content: 'Nothing to show.' })];

  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [];
  let total = 0;
  const first: APIEmbed = { color: EMBED_COLOR };
  if (title) {
    first.title = title;
    total = title.length;
  }
  let pending: APIEmbed | undefined = first;
  for (const description of descriptions) {
    if (pending) {
      // The title's embed takes the first description when both fit the message total.
      if (total + description.length <= DISCORD_LIMITS.totalPerMessage) {
        pending.description = description;
        total += description.length;
        embeds.push(pending);
        pending = undefined;
        continue;
      }
      embeds.push(pending);
      pending = undefined;
    }
    if (
      embeds.length >= DISCORD_LIMITS.embedsPerMessage ||
      total + description.length > DISCORD_LIMITS.totalPerMessage
    ) {
      messages.push(embeds);
      embeds = [];
      total = 0;
    }
    embeds.push({ color: EMBED_COLOR, description });
    total += description.length;
  }
  if (pending) embeds.push(pending);
  if (embeds.length > 0) messages.push(embeds);
  return messages.map((e) => message({ embeds: e }));
}
