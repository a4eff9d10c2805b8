import type { Nodes, Parents, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { SourceError } from './source-error.ts';

/**
 * How deep quotes and lists may nest. micromark's time grows steeply with nesting (500 nested
 * list items: 108 s; 3,000 nested quotes: 12 s) and its GFM transforms recurse (a stack
 * overflow further on); articles nest a handful of levels.
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

/** Blocks whose text is not article prose: code, raw HTML, link and footnote definitions. */
const DROPPED = new Set(['code', 'html', 'definition', 'thematicBreak', 'image', 'imageReference']);

/** Blocks that hold other blocks; each of their children is a paragraph of its own. */
const CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition']);

/**
 * Plain text from Markdown (CommonMark with GitHub's tables, strikethrough, autolinks and
 * footnotes, parsed by micromark), one paragraph per block separated by a blank line: headings,
 * paragraphs, list items, quoted paragraphs, table rows (cells joined by " | ") and footnotes.
 * Emphasis, links and escapes are reduced to their words; code blocks, raw HTML, images and
 * link definitions are dropped. Quote marks stay. Throws a `SourceError` for nesting deeper than
 * `MAX_MARKDOWN_NESTING`.
 */
export function markdownToText(markdown: string): string {
  checkNesting(markdown);
  const tree = fromMarkdown(markdown, {
    // micromark's raw-HTML constructs rescan to the end of the paragraph from every unclosed
    // `<![CDATA[` or `<!--` (15 KB of them took 2.3 s): they are off, and tags are removed from
    // the text in one linear pass instead.
    extensions: [gfm({ singleTilde: false }), { disable: { null: ['htmlFlow', 'htmlText'] } }],
    mdastExtensions: [gfmFromMarkdown()],
  });
  const blocks: string[] = [];
  // An explicit stack rather than recursion: a page of 10,000 nested quotes must not overflow it.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (DROPPED.has(node.type)) continue;
    if (CONTAINERS.has(node.type)) {
      const children = (node as Parents).children as RootContent[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      continue;
    }
    if (node.type === 'table') {
      for (const row of node.children) {
        blocks.push(row.children.map((cell) => inlineText(cell)).join(' | '));
      }
      continue;
    }
    const text = inlineText(node).trim();
    if (text) blocks.push(text);
  }
  return blocks.join('\n\n');
}

/** The words of an inline run: text, code spans and link labels kept, images and markers dropped. */
function inlineText(root: Nodes): string {
  let out = '';
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'text':
        out += withoutTags(node.value);
        break;
      case 'inlineCode':
        out += node.value;
        break;
      case 'break':
        out += '\n';
        break;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
      case 'html':
        break;
      default:
        if ('children' in node) {
          const children = node.children as Nodes[];
          for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
        }
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
