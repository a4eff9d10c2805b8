import { describe, expect, it } from 'vitest';
import { wholeSentence } from '../../src/briefing/whole-sentence.ts';

describe('wholeSentence', () => {
  it('drops a dateline and keeps the sentence', () => {
    expect(
      wholeSentence(
        'WASHINGTON (AP) — Donald Trump called Wednesday for Justice Ginsburg to resign.',
      ),
    ).toBe('Donald Trump called Wednesday for Justice Ginsburg to resign.');
    expect(
      wholeSentence(
        'NEW YORK, Nov. 19 (UPI) — Hillary Clinton is calling for more special forces.',
      ),
    ).toBe('Hillary Clinton is calling for more special forces.');
    expect(
      wholeSentence('Cleveland (AFP) – The convention began the roll call vote on Tuesday.'),
    ).toBe('The convention began the roll call vote on Tuesday.');
    expect(wholeSentence('DES MOINES - The terrorist attacks in Paris reframed the contest.')).toBe(
      'The terrorist attacks in Paris reframed the contest.',
    );
  });

  it('keeps a sentence that opens with a name and a dash', () => {
    expect(wholeSentence('Donald Trump — the nominee since July — said the race was rigged.')).toBe(
      'Donald Trump — the nominee since July — said the race was rigged.',
    );
  });

  it('refuses live-blog furniture, even behind a dateline', () => {
    expect(
      wholeSentence(
        'COLUMBIA, S.C. (AP) — The Latest on the race for the White House (all times local):',
      ),
    ).toBeUndefined();
    expect(
      wholeSentence('The Latest on campaign 2016 on Super Tuesday (all times EST).'),
    ).toBeUndefined();
  });

  it('refuses fragments a splitter leaves at an abbreviation', () => {
    expect(
      wholeSentence('C.) sent a letter to the FBI director on Friday asking for answers.'),
    ).toBeUndefined();
    expect(
      wholeSentence('S.C.) said the committee would look into the matter next week.'),
    ).toBeUndefined();
    expect(
      wholeSentence('and the senator said he would vote against the bill on Tuesday.'),
    ).toBeUndefined();
    expect(wholeSentence('Sen. Lindsey Graham (R-S.C.')).toBeUndefined();
    expect(wholeSentence('Rep. Trey Gowdy (R-S')).toBeUndefined();
  });

  it('refuses a headline-like line with no closing punctuation, and keeps quoted sentences', () => {
    expect(
      wholeSentence('Clinton wins Democratic presidential primary in New York'),
    ).toBeUndefined();
    expect(
      wholeSentence('“We are going to win so much,” Trump told supporters in Manchester.'),
    ).toBe('“We are going to win so much,” Trump told supporters in Manchester.');
    expect(wholeSentence('The vote was 6-1, the council said.”')).toBe(
      'The vote was 6-1, the council said.”',
    );
  });
});
