import MarkdownIt, { type PluginSimple } from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import footnote from 'markdown-it-footnote';
import { SourceError } from './source-error.ts';

/**
 * How deep quotes and lists may nest. Parsers' time grows steeply with nesting (micromark: 500
 * nested list items took 108 s, 3,000 nested quotes 12 s) and token trees that deep are no
 * article's; articles nest a handful of levels.
 */
export const MAX_MARKDOWN_NESTING = 32;

// A line's container prefix: indentation, `>` quote markers and list markers.
const PREFIX = /^(?:[ \t]|>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]))*/;

/** Refuses Markdown whose quotes and lists nest deeper than `MAX_MARKDOWN_NESTING` on any line. */
function checkNesting(markdown: string): void {
  for (const line of markdown.split('\n', 1_000_000)) {
    const prefix = PREFIX.exec(line)![0];
    if (prefix.length <= MAX_MARKDOWN_NESTING) continue;
    let levels = 0;
    let columns = 0;
    for (const c of prefix) {
      if (c === ' ') columns++;
      else if (c === '\t') columns += 4;
      else if (c === '>' || c === '-' || c === '+' || c === '*' || c === '.' || c === ')') levels++;
    }
    // A nested list item is indented at least two columns past its parent.
    if (levels + Math.floor(columns / 2) > MAX_MARKDOWN_NESTING) {
      throw new SourceError(
        `Markdown refused: its quotes and lists nest more than ${MAX_MARKDOWN_NESTING} levels deep, which no article needs and which would stall the reader`,
      );
    }
  }
}

/** Blocks whose text is not article prose: code, raw HTML, link and footnote defini/**
 * CommonMark with GitHub's tables and strikethrough (markdown-it's defaults) and footnotes.
 * markdown-it rather than micromark: micromark's GFM footnote and emphasis resolution rescan
 * the paragraph at every `]` and delimiter run (9 KB of `]` took 2.3 s, 72 KB 193 s; 72 KB of
 * `*a_` 195 s), where markdown-it stays linear on every pathological input we tried (72 KB of
 * each under a second). Raw HTML is read as text, and tags are removed from it in one linear
 * pass; typography and link detection are off: they change no word of the text.
 */
const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false }).use(
  // The plugin's typings describe markdown-it's CommonJS build; the plugin is the same function.
  footnote as unknown as PluginSimple,
);

/**
 * Plain text from Markdown, one paragraph per block separated by a blank line: headings,
 * paragraphs, list items, quoted paragraphs, table rows (cells joined by " | ") and footnotes.
 * Emphasis, links and escapes are reduced to their words; code blocks, images, rules and link
 * definitions are dropped, HTML tags and comments removed. Quote marks stay. Throws a
 * `SourceError` for nesting deeper than `MAX_MARKDOWN_NESTING`.
 */
export function markdownToText(markdown: string): string {
  checkNesting(markdown);
  const blocks: string[] = [];
  // Cells of the table row being read; undefined outside a row.
  let row: string[] | undefined;
  // Block tokens are flat (opening and closing tokens, no recursion), whatever the nesting.
  for (const token of parser.parse(markdown, {})) {
    if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close' && row) {
      blocks.push(row.join(' | '));
      row = undefined;
    } else if (token.type === 'inline') {
      const text = inlineText(token.children ?? []);
      if (row) row.push(text.trim());
      else if (text.trim()) blocks.push(text.trim());
    }
    // Everything else is structure (block open/close), or not prose: fence, code_block, hr.
  }
  return blocks.join('\n\n');
}

/** The words of an inline run: text, code spans and link labels kept, images and markers dropped. */
function inlineText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        out += withoutTags(token.content);
        break;
      // An escaped character or an entity, already decoded.
      case 'text_special':
      case 'code_inline':
        out += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      // Images (their alt text is in children, not here), footnote marks, emphasis and link
      // markers: no words of the article.
    }
  }
  return out;
}

/**
 * Text without HTML comments and tags, in one pass: each comment's end is searched once, and a
 * tag is at most 500 characters long, so no input makes this slower than linear.
 */
function withoutTags(text: string): string {
  if (!text.includes('<')) return text;
  let out = '';
  let at = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(at, open);
    at = close + 3;
  }
  out += text.slice(at);
  return out.replace(/<\/?[A-Za-z][^<>]{0,500}>/g, '');
}
