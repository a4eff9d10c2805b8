/** A story: one event covered by one or several outlets, on one day or over a few. */
export interface Story {
  /** Stable: the first 12 characters of its first article's id, prefixed with "s". */
  id: string;
  /** The headline of the article closest to the story as a whole. */
  title: string;
  /** Distinct outlets, in the order they joined. */
  outlets: string[];
  /** ISO times of its first and last article (published, or ingested when undated). */
  first: string;
  last: string;
  /** How many articles (and syndicated copies) it holds. */
  articles: number;
}

/** One appearance of an article in a story; a syndicated copy is one more with its own outlet. */
export interface StoryMember {
  storyId: string;
  articleId: string;
  title: string;
  outlet?: string;
  url?: string;
  published?: string;
  /** Published when known, else ingested: the time story windows read. */
  dated: string;
}

/** What assigning remembers of a story between batches (outlets and counts come from members). */
export interface StoryState extends Omit<Story, 'outlets' | 'articles'> {
  /** The mean time of its articles (ISO): windows are measured from it, so a story cannot drift. */
  center: string;
  /** How many articles the centroid and center average (copies of one text count once). */
  size: number;
  /** The unit vector of the article whose headline is the title: a closer article takes over. */
  titleVector: Array<[string, number]>;
  /** Sum of its articles' unit TF-IDF vectors, heaviest terms first, cut to a fixed length. */
  centroid: Array<[string, number]>;
  /** The terms it is found by: its centroid's heaviest few. */
  keys: string[];
}

/** What one batch changes: stories to write whole, new appearances, document-frequency counts. */
export interface StoryPlan {
  stories: StoryState[];
  members: StoryMember[];
  /**
   * Stored stories merged into others, in order: `from`'s appearances move to `into`, its row and
   * keys go, and its id keeps answering as `into` (links and `/brief <id>` already shown).
   */
  merged: Array<{ from: string; into: string }>;
  /** Articles counted into `terms` (each term once per article). */
  documents: number;
  terms: Map<string, number>;
}

/** What assigning asks of the store. */
export interface StorySource {
  /** How many articles were counted, and in how many of them each term appeared. */
  termFrequencies(
    terms: readonly string[],
  ): Promise<{ documents: number; df: Map<string, number> }>;
  /**
   * Stories with any of `keys` among their key terms whose mean time is within `[from, to]`
   * (ISO times). Bounded: the most recently active first.
   */
  storyCandidates(keys: readonly string[], from: string, to: string): Promise<StoryState[]>;
  /** The story of each stored article that has one. */
  storiesOfArticles(articleIds: readonly string[]): Promise<Map<string, StoryState>>;
}
