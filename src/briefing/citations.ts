import type { Citation } from '../core/reply.ts';
import type { Passage } from '../store/store.ts';

/** Numbers the cited articles in order of first use: one [n] per article. */
export class Citations {
  readonly #byArticle = new Map<string, Citation>();

  cite(p: Pick<Passage, 'articleId' | 'title' | 'outlet' | 'url' | 'published'>): number {
    let c = this.#byArticle.get(p.articleId);
    if (!c) {
      c = {
        n: this.#byArticle.size + 1,
        articleId: p.articleId,
        title: p.title,
        outlet: p.outlet,
        url: p.url,
        published: p.published,
      };
      this.#byArticle.set(p.articleId, c);
    }
    return c.n;
  }

  get list(): Citation[] {
    return [...this.#byArticle.values()];
  }
}
