import type { Citation } from '../core/reply.ts';
import type { Passage } from '../store/store.ts';

/** Numbers the cited articles in order of first use: one [n] per article. */
export class Citations {
  readonly #byKey = new Map<string, Citation>();

  /**
   * The number of an article, given one the first time it is cited. `key` tells apart two
   * appearances of one article: a syndicated copy in another outlet has its own link.
   */
  cite(
    p: Pick<Passage, 'articleId' | 'title' | 'outlet' | 'url' | 'published'>,
    key = p.articleId,
  ): number {
    let c = this.#byKey.get(key);
    if (!c) {
      c = {
        n: this.#byKey.size + 1,
        articleId: p.articleId,
        title: p.title,
        outlet: p.outlet,
        url: p.url,
        published: p.published,
      };
      this.#byKey.set(key, c);
    }
    return c.n;
  }

  get list(): Citation[] {
    return [...this.#byKey.values()];
  }
}
