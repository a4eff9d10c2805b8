import type { CleanedArticle, Removal } from '../article.ts';
import { CAPTION_RUN, captionReason } from './caption-reason.ts';
import { comparable, coverage, isNearDuplicate, NEAR_DUPLICATE } from './compare-text.ts';
import { decodeEntities } from './decode-entities.ts';
import { looksLikeHeadline } from './detect-title.ts';
import { truncationReasons } from './find-truncated.ts';
import { normalizeSpacing } from './normalize-spacing.ts';
import { boilerplateReason } from './remove-boilerplate.ts';
import { repairMojibake } from './repair-mojibake.ts';
import { splitParagraphs } from './split-paragraphs.ts';

/** What a source knows before cleaning: the body's paragraphs and maybe a title and captions. */
export interface CleanInput {
  paragraphs: readonly string[];
  title?: string;
  /** Captions the source already separated (HTML `<figcaption>`). */
  captions?: readonly string[];
}

/** Cleans plain text: entities, spacing, paragraphs, then `cleanParagraphs`. */
export function cleanText(raw: string, title?: string): CleanedArticle {
  return cleanParagraphs({ paragraphs: splitParagraphs(decodeEntities(raw)), title });
}

interface Candidate {
  text: string;
  /** Position in the source, 1-based, as shown in removal reasons; 0 for a source's own captions. */
  position: number;
  /** Why a body paragraph was taken for a caption. */
  caption?: string;
}

/**
 * The cleaning pipeline. Each step is a small function with its own tests; this only orders them
 * and keeps the ledger: every paragraph that leaves the body is listed in `removed` with why.
 */
export function cleanParagraphs(input: CleanInput): CleanedArticle {
  const removed: Removal[] = [];
  const remove = (text: string, reason: string) => removed.push({ text, reason });
  let body: Candidate[] = input.paragraphs
    .map((p) => normalizeSpacing(repairMojibake(decodeEntities(p))))
    .filter((p) => p !== '')
    .map((text, i) => ({ text, position: i + 1 }));

  let title = input.title ? normalizeSpacing(repairMojibake(decodeEntities(input.title))) : '';
  if (!title && body.length > 1 && looksLikeHeadline(body[0]?.text ?? '')) {
    title = body[0]?.text ?? '';
    remove(title, 'headline (moved to title)');
    body = body.slice(1);
  } else if (title && body.length > 0 && comparable(body[0]?.text ?? '') === comparable(title)) {
    remove(body[0]?.text ?? '', 'headline repeated in the body');
    body = body.slice(1);
  }

  body = body.filter((p) => {
    const reason = boilerplateReason(p.text);
    if (reason) remove(p.text, `boilerplate (${reason})`);
    return !reason;
  });

  const truncated = truncationReasons(body.map((p) => p.text));
  body = body.filter((p, i) => {
    const reason = truncated[i];
    if (reason) remove(p.text, reason);
    return !reason;
  });

  const captions: Candidate[] = (input.captions ?? [])
    .map((c) => normalizeSpacing(decodeEntities(c)))
    .filter(Boolean)
    .map((text) => ({ text, position: 0 }));
  body = takeCaptions(body, captions);
  body = dropDuplicates(body, [], remove, 'duplicate');
  // Each paragraph is listed once: a gallery's copies as repeats, the copy kept as moved.
  const dropped: Removal[] = [];
  const keptCaptions = dropDuplicates(
    captions,
    body,
    (text, reason) => dropped.push({ text, reason }),
    'caption',
  );
  for (const c of keptCaptions) if (c.caption) remove(c.text, `${c.caption}, moved to captions`);
  removed.push(...dropped);

  return {
    title: title || fallbackTitle(body),
    paragraphs: body.map((p) => p.text),
    captions: keptCaptions.map((c) => c.text),
    removed,
  };
}

/** Moves captions out of the body: marked ones, and runs of the same paragraph repeated. */
function takeCaptions(body: Candidate[], captions: Candidate[]): Candidate[] {
  const keys = body.map((p) => comparable(p.text));
  const inRun = new Set<number>();
  for (let i = 0; i < body.length; ) {
    let j = i + 1;
    while (j < body.length && keys[j] === keys[i]) j++;
    if (j - i >= CAPTION_RUN) for (let k = i; k < j; k++) inRun.add(k);
    i = j;
  }
  return body.filter((p, i) => {
    const reason =
      captionReason(p.text) ?? (inRun.has(i) ? 'photo caption (repeated gallery text)' : undefined);
    if (!reason) return true;
    captions.push({ ...p, caption: reason });
    return false;
  });
}

/**
 * Drops exact and near-duplicates, keeping the first full occurrence: when the earlier copy is
 * the shorter, cut-down one, the longer copy takes its place.
 */
function dropDuplicates(
  items: Candidate[],
  reference: readonly Candidate[],
  remove: (text: string, reason: string) => void,
  what: 'duplicate' | 'caption',
): Candidate[] {
  const kept: Candidate[] = [];
  for (const item of items) {
    const key = comparable(item.text);
    const repeated = repeatsBody(item.text, reference);
    if (repeated) {
      // A caption that only repeats body text: the body keeps it, the captions do not.
      remove(item.text, `caption repeats source paragraph ${repeated.position}`);
      continue;
    }
    const index = kept.findIndex((k) => isNearDuplicate(k.text, item.text));
    const earlier = kept[index];
    if (!earlier) {
      kept.push(item);
      continue;
    }
    const label = what === 'caption' ? 'repeated caption' : 'duplicate paragraph';
    if (comparable(earlier.text).length < key.length * 0.9) {
      remove(earlier.text, `${label} (shorter copy of ${source(item.position, 'a later')})`);
      kept[index] = {
        ...item,
        position: earlier.position,
        caption: earlier.caption ?? item.caption,
      };
    } else {
      remove(item.text, `${label} (same as ${source(earlier.position, 'an earlier')})`);
    }
  }
  return kept;
}

/** The body paragraph (or pair of adjacent ones) that says everything a caption says. */
function repeatsBody(text: string, body: readonly Candidate[]): Candidate | undefined {
  // "(left)", "(pictured today)": the photo's furniture, not something the body could repeat.
  const caption = text.replace(/\([^()]{0,40}\)/g, ' ');
  // One paragraph that says it all is named before a pair that only does together.
  const single = body.find((p) => coverage(caption, p.text) >= NEAR_DUPLICATE);
  if (single) return single;
  for (let i = 0; i + 1 < body.length; i++) {
    const here = body[i] as Candidate;
    const next = body[i + 1] as Candidate;
    if (coverage(caption, here.text, next.text) >= NEAR_DUPLICATE) return here;
  }
  return undefined;
}

/** How a removal reason names another paragraph: by its source position, or as a caption. */
function source(position: number, which: string): string {
  return position > 0 ? `source paragraph ${position}` : `${which} caption`;
}

function fallbackTitle(body: readonly Candidate[]): string {
  const first = body[0]?.text ?? '';
  if (first.length <= 90) return first || 'Untitled';
  return `${first.slice(0, 87).replace(/\s+\S*$/, '')}…`;
}
