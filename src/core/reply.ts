/**
 * The platform-neutral reply every command returns. Adapters render it
 * (Discord embeds, Slack Block Kit, terminal text); commands never format for a platform.
 *
 * All `text` fields are plain, untrusted text (they may contain article words such as
 * `@everyone` or `<!channel>`): renderers must escape them for their platform.
 */
export interface Citation {
  /** The number shown as [n] in the reply. */
  n: number;
  articleId: string;
  title: string;
  outlet?: string;
  url?: string;
  /** ISO date, when the article has one. */
  published?: string;
  /** The id of the story the article belongs to, when it has one. */
  story?: string;
}

/** A line of text with the citations that support it. */
export interface CitedText {
  text: string;
  cites?: number[];
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; cites?: number[] }
  | { type: 'list'; items: CitedText[] }
  | {
      type: 'quote';
      speaker: string;
      role?: string;
      /** Verbatim words from a stored article, without quote marks. */
      text: string;
      kind: 'direct' | 'reported';
      cite?: number;
    }
  | { type: 'sources'; items: Citation[] };

export interface Reply {
  title?: string;
  blocks: Block[];
  /** Only the invoking user sees it, where the platform allows (errors, help). */
  ephemeral?: boolean;
}

/** A reply of one text block: the usual shape of short answers and refusals. */
export function textReply(text: string, title?: string): Reply {
  return { title, blocks: [{ type: 'text', text }] };
}
