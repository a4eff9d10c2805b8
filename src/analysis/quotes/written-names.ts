/** A word that is an initial or a run of them, read without its period: "J", "J.J". */
const INITIALS = /^\p{Lu}(?:\.\p{Lu})*$/u;
/** A single capital letter: an initial before more of a name, a word of its own at the end. */
const LETTER = /^\p{Lu}$/u;
/** A generational suffix, read without its period. */
const SUFFIX = /^(?:Jr|Sr)$/;

const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A speaker's name as the article writes it. Names are read as words, which drops the periods of
 * initials and suffixes: readers saw "Donald J Trump", "George W Bush", "J.J MacNab" and "Harry B
 * Harris Jr" in `/who` and briefs (735 of the train split's quotes). Where the article spells the
 * same words with those periods (or a comma before "Jr."), that spelling is the name; otherwise
 * the name stays as read, so "Harry S Truman" written without one keeps none. Outlets differ
 * ("George W. Bush", "George W Bush"), so whatever groups speakers compares `speakerKey`s, which
 * read words only.
 */
export function writtenName(name: string, texts: readonly string[]): string {
  const words = name.split(' ');
  if (!words.some((w) => INITIALS.test(w) || SUFFIX.test(w))) return name;
  const parts = words.map((w, i) => {
    // A letter ending the name is a word ("I", "Malcolm X"): a period after it ends the sentence.
    const last = i === words.length - 1 && LETTER.test(w);
    const dotted = !last && (INITIALS.test(w) || SUFFIX.test(w));
    const word = dotted ? `${literal(w)}\\.?` : literal(w);
    if (i === 0) return word;
    return SUFFIX.test(w) ? `,?\\s+${word}` : `\\s+${word}`;
  });
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}.])${parts.join('')}(?![\\p{L}\\p{N}])`, 'gu');
  for (const text of texts) {
    for (const match of text.matchAll(pattern)) {
      const written = match[0].replace(/\s+/g, ' ');
      if (written !== name) return written;
    }
  }
  return name;
}
