/** One quote or piece of reported speech, attributed to a canonical speaker. */
export interface Quote {
  /** Canonical name ("Hassan Rouhani"), organisation ("the White House") or description ("a US official"). */
  speaker: string;
  /** Title or role kept apart from the name ("Iranian President"). */
  role?: string;
  /** The quoted words without quote marks; for reported speech the content clause. */
  quote: string;
  kind: 'direct' | 'reported';
  /** Index into the clean paragraphs. */
  paragraph: number;
  /** The speech verb that attributes it ("said", "warned"), when there is one. */
  cue?: string;
  /** Character offsets of `quote` in the clean text (`paragraphs.join('\n\n')`). */
  start: number;
  end: number;
}
