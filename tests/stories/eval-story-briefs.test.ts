import { describe, expect, it, vi } from 'vitest';
import { evaluateStoryBriefs } from '../../scripts/eval-story-briefs.ts';

// The bin ingests the 840 real articles, then answers 30 briefs (about 20 s on 2 cores).
vi.setConfig({ testTimeout: 180_000 });

// `npm run eval:story-briefs`: which story `/brief <topic>` picks for 30 labelled stories of the
// real stream. 20 briefed and 27 at least listed at this writing (stop 23); before headlines
// counted and search matched stems, 16 and 23.
describe('the story /brief picks on the PolNeAR stream', () => {
  it('is the labelled story for most topics, and lists it for nearly all', async () => {
    const results = await evaluateStoryBriefs();
    expect(results).toHaveLength(30);
    const briefed = results.filter((r) => r.at === 0).map((r) => r.topic);
    const listed = results.filter((r) => r.at >= 0).map((r) => r.topic);
    expect(briefed.length).toBeGreaterThanOrEqual(19);
    expect(listed.length).toBeGreaterThanOrEqual(26);
    // The endorsement story, once lost to a later paragraph naming all three words.
    expect(briefed).toContain('obama endorses clinton');
  });
});
