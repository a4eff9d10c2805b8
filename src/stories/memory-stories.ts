import type { StoryMember, StoryPlan, StorySource, StoryState } from './story.ts';

/**
 * Stories held in memory, answering what assigning asks as a store does (the same window and
 * key-term rules), for the evaluation script and tests that need no database.
 */
export class MemoryStories implements StorySource {
  readonly stories = new Map<string, StoryState>();
  readonly members: StoryMember[] = [];
  #documents = 0;
  readonly #df = new Map<string, number>();
  async termFrequencies(terms: readonly string[]) {
    const df = new Map<string, number>();
    for (const t of terms) {
      const n = this.#df.get(t);
      if (n) df.set(t, n);
    }
    return { documents: this.#documents, df };
  }

  async storyCandidates(keys: readonly string[], from: string, to: string) {
    const wanted = new Set(keys);
    // Copies, as a store's rows are: assigning changes the states it is given.
    return [...this.stories.values()]
      .filter((s) => s.center >= from && s.center <= to && s.keys.some((t) => wanted.has(t)))
      .map((s) => structuredClone(s));
  }

  async storiesOfArticles(articleIds: readonly string[]) {
    const found = new Map<string, StoryState>();
    const wanted = new Set(articleIds);
    for (const m of this.members) {
      const s = this.stories.get(m.storyId);
      if (wanted.has(m.articleId) && s) found.set(m.articleId, structuredClone(s));
    }
    return found;
  }

  /** Ids of stories merged into others, and the story each now answers as. */
  readonly aliases = new Map<string, string>();

  save(plan: StoryPlan): void {
    for (const { from, into } of plan.merged) {
      this.stories.delete(from);
      for (const m of this.members) if (m.storyId === from) m.storyId = into;
      for (const [alias, target] of this.aliases)
        if (target === from) this.aliases.set(alias, into);
      this.aliases.set(from, into);
    }
    for (const s of plan.stories) this.stories.set(s.id, structuredClone(s));
    for (const m of plan.members) {
      const copy = this.members.some(
        (x) => x.articleId === m.articleId && (x.outlet ?? '') === (m.outlet ?? ''),
      );
      if (!copy) this.members.push(m);
    }
    this.#documents += plan.documents;
    for (const [t, n] of plan.terms) this.#df.set(t, (this.#df.get(t) ?? 0) + n);
  }

  /** The story id of each article. */
  storyOf(articleId: string): string | undefined {
    return this.members.find((m) => m.articleId === articleId)?.storyId;
  }
}
