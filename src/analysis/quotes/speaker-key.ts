import { foldText } from '../fold-text.ts';
import { memo } from '../memo.ts';

/**
 * Forgiving look-up key for a speaker: `foldText` with a leading "the" removed, so "Erdoğan" and
 * "erdogan", "the White House" and "White House" meet. Names repeat across articles, and folding
 * is the hot part of clustering, hence the memo.
 */
export const speakerKey: (name: string) => string = memo(
  (name) => foldText(name).replace(/^the /, ''),
  { size: 50_000 },
);
