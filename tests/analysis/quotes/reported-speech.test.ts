import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';

const reported = (...paragraphs: string[]) =>
  extractQuotes(paragraphs)
    .quotes.filter((q) => q.kind === 'reported')
    .map((q) => ({ speaker: q.speaker, quote: q.quote }));

describe('reported speech in a relative clause without commas', () => {
  it('is said by the name the clause describes, in "X is a … who" and "It was X who"', () => {
    const q = extractQuotes([
      'Editor’s note: Ana Lima is a serial liar and bully who has repeatedly pledged to close the port.',
      'Rather than wait, he left. It was Mr. Tom Reed who had argued for a new name for the movement.',
      'Dan Rather spoke. Rather said the network had failed.',
      'Editor’s note: Mark Dale regularly incites violence and is a serial liar who has repeatedly pledged to sell the ferry.',
    ]).quotes;
    expect(q.map((x) => x.speaker)).toEqual(['Ana Lima', 'Tom Reed', 'Dan Rather', 'Mark Dale']);
  });
});

describe('reported speech inside a relative clause set off by commas', () => {
  it('ends at the comma that closes the clause, even before the last word', () => {
    const q = extractQuotes([
      'The mayor, who said the roads were unsafe, resigned.',
      'Ana Lima, who has long argued that taxes are too high, won the race.',
    ]).quotes;
    expect(q.map((x) => [x.speaker, x.quote])).toEqual([
      ['the mayor', 'the roads were unsafe'],
      ['Ana Lima', 'taxes are too high'],
    ]);
  });
});

describe('attributions set inside what they report', () => {
  it('reports the whole sentence around "…, X said, …", verbatim', () => {
    expect(reported('The harbour, Mayor Lena Moss said, will reopen before the summer.')).toEqual([
      {
        speaker: 'Lena Moss',
        quote: 'The harbour, Mayor Lena Moss said, will reopen before the summer',
      },
    ]);
  });

  it('does the same for "according to" in mid-sentence', () => {
    expect(
      reported('Ticket sales, according to the organisers, have doubled since March.'),
    ).toEqual([
      {
        speaker: 'the organisers',
        quote: 'Ticket sales, according to the organisers, have doubled since March',
      },
    ]);
  });

  it('leaves a sentence holding a quotation to the direct-quote pass', () => {
    expect(reported('The harbour, Moss said, is "ready for anything" now.')).toEqual([]);
  });
});

describe('content before its attribution', () => {
  it('ends at the attribution even when the sentence goes on', () => {
    expect(
      reported(
        'The ferry will run twice a day from June, Mark Dale said, adding that fares would stay low.',
      ),
    ).toContainEqual({ speaker: 'Mark Dale', quote: 'The ferry will run twice a day from June' });
  });

  it('reads "As X reported, …" and "…, as X noted."', () => {
    expect(reported('As the Harbour Gazette reported, the pier was closed for a week.')).toEqual([
      { speaker: 'the Harbour Gazette', quote: 'the pier was closed for a week' },
    ]);
    expect(reported('The pier was closed for a week, as Mark Dale noted.')).toEqual([
      { speaker: 'Mark Dale', quote: 'The pier was closed for a week' },
    ]);
  });

  it('does not read a speech noun in a list of places as a verb ("swing states")', () => {
    const q = reported(
      'Turnout rose sharply in swing states such as Ohio and Florida, Lena Moss said.',
    );
    expect(q).toEqual([
      {
        speaker: 'Lena Moss',
        quote: 'Turnout rose sharply in swing states such as Ohio and Florida',
      },
    ]);
  });
});

describe('where reported content ends', () => {
  it('stops at the comma closing a subordinate clause that holds the verb', () => {
    expect(
      reported('When Lena Moss said that the port would close, the traders left the quay.'),
    ).toEqual([{ speaker: 'Lena Moss', quote: 'the port would close' }]);
  });

  it('stops at ", and" before a clause with its own subject', () => {
    expect(
      reported('Mark Dale said the fares would stay low, and the council approved the budget.'),
    ).toEqual([{ speaker: 'Mark Dale', quote: 'the fares would stay low' }]);
  });

  it('reads a long source after "according to" as its head', () => {
    expect(
      reported(
        'According to a survey of 400 harbour workers conducted by the union in May, most want longer shifts.',
      ),
    ).toEqual([
      {
        speaker: 'a survey of 400 harbour workers conducted by the union in May',
        quote: 'most want longer shifts',
      },
    ]);
  });
});

describe('cues', () => {
  it('takes a pronoun right after the verb as the clause, even with a "that" further on', () => {
    expect(reported('Lena Moss insisted she had not discussed that with the mayor.')).toEqual([
      { speaker: 'Lena Moss', quote: 'she had not discussed that with the mayor' },
    ]);
  });

  it('reads what follows "say:" when no quote marks follow', () => {
    expect(reported('Some traders say: the harbour must stay open.')).toEqual([
      { speaker: 'Some traders', quote: 'the harbour must stay open' },
    ]);
  });

  it('gives "a statement saying…" to the sentence\'s subject', () => {
    expect(
      reported('The Harbour Authority issued a statement saying it would reopen the pier.'),
    ).toEqual([{ speaker: 'the Harbour Authority', quote: 'it would reopen the pier' }]);
  });

  it('reads a speech-verb form after a possessive as a noun', () => {
    expect(reported("Editor's note: the harbour story was updated on Monday.")).toEqual([]);
  });

  it('reports no bare object of verbs that mostly take one ("proposed a levy")', () => {
    expect(reported('Mark Dale proposed a steep levy on cruise ships.')).toEqual([]);
  });
});

describe('what is told to someone', () => {
  it('starts after the one addressed, with no "that"', () => {
    expect(reported('Lena Moss told the harbour board she would resign in May.')).toEqual([
      { speaker: 'Lena Moss', quote: 'she would resign in May' },
    ]);
    expect(reported('Mark Dale told reporters his firm had paid the fine.')).toEqual([
      { speaker: 'Mark Dale', quote: 'his firm had paid the fine' },
    ]);
    expect(reported('Lena Moss told her she would resign in May.')).toEqual([
      { speaker: 'Lena Moss', quote: 'she would resign in May' },
    ]);
  });

  it('finds the question after a long name of who was asked', () => {
    expect(
      reported('Mark Dale asked former Harbour Master Lena Moss whether the ferry would run.'),
    ).toEqual([{ speaker: 'Mark Dale', quote: 'whether the ferry would run' }]);
  });

  it('reads "her" after "said" as the start of what was said, not as a listener', () => {
    expect(reported('The port said her $4.5 million share was marked down to zero.')).toEqual([
      { speaker: 'the port', quote: 'her $4.5 million share was marked down to zero' },
    ]);
    expect(reported('Lena Moss said her thanks to the ferry crews.')).toEqual([
      { speaker: 'Lena Moss', quote: 'her thanks to the ferry crews' },
    ]);
  });

  it("reports a speech verb's prepositional object, where the labels of real news do", () => {
    expect(reported('Mark Dale argued for a new ferry to the islands.')).toEqual([
      { speaker: 'Mark Dale', quote: 'a new ferry to the islands' },
    ]);
    expect(reported('Lena Moss warned of the risk of a strike.').map((q) => q.quote)).toEqual([
      'the risk of a strike',
    ]);
    // "called for" is an attribution once in 143 times on the train split.
    expect(reported('Mark Dale called for a new ferry.')).toEqual([]);
  });

  it('reports a clause after "claim" whatever its subject, when a finite verb follows', () => {
    expect(reported('Mark Dale claimed the ferry was never late.')).toEqual([
      { speaker: 'Mark Dale', quote: 'the ferry was never late' },
    ]);
    // An object claimed is no speech; nor is a relative clause's verb the clause's own.
    expect(reported('Mark Dale claimed victory in the race for the harbour.')).toEqual([]);
    expect(reported('Mark Dale claimed the votes of skippers who were new to the race.')).toEqual(
      [],
    );
  });

  it('reports what is claimed in an infinitive', () => {
    expect(reported('Several skippers claim to speak for the whole harbour.')).toEqual([
      { speaker: 'Several skippers', quote: 'to speak for the whole harbour' },
    ]);
  });

  it('starts what was said at a sum of money', () => {
    expect(reported('Lena Moss said $5 million more was being sent to the harbour.')).toEqual([
      { speaker: 'Lena Moss', quote: '$5 million more was being sent to the harbour' },
    ]);
  });
});

describe('title-case headlines', () => {
  it('read a capitalised speech verb between its speaker and what is said', () => {
    expect(
      reported(
        'Lena Moss Says The Harbour Will Reopen Before Summer',
        'The mayor spoke on Monday.',
      ),
    ).toEqual([{ speaker: 'Lena Moss', quote: 'The Harbour Will Reopen Before Summer' }]);
  });

  it('leave verbs that report no words alone ("Slams", "Calls For")', () => {
    expect(reported('Lena Moss Slams Harbour Board Over Ferry Delays', 'The mayor spoke.')).toEqual(
      [],
    );
  });
});

describe('where reported content ends: comments and dashes', () => {
  it("ends before the writer's own comment (a contrast, a comparison, a parallel)", () => {
    const quote = (text: string) => reported(text).map((q) => q.quote);
    expect(
      quote('Lena Moss said she will support the nominee, even as she has criticised him.'),
    ).toEqual(['she will support the nominee']);
    expect(
      quote('Two council members have said they will not back the plan, as has the mayor.'),
    ).toEqual(['they will not back the plan']);
    expect(
      quote('Lena Moss argued for order and calm, as she did when the ferry sank in May.'),
    ).toEqual(['order and calm']);
    expect(
      quote(
        'Most voters said they trust the mayor, compared with 41 percent who trust the council.',
      ),
    ).toEqual(['they trust the mayor']);
    expect(
      quote('The port reported earnings of $8.42 a share, well above the $8.04 analysts expected.'),
    ).toEqual(['earnings of $8.42 a share']);
  });

  it("ends before the writer's gloss: a noun phrase to the sentence's end", () => {
    expect(
      reported(
        'The port announced it would cut 3,000 jobs, a mass layoff rivaling the cuts of the last decade.',
      ).map((q) => q.quote),
    ).toEqual(['it would cut 3,000 jobs']);
    // A noun phrase set in between commas is part of what is said.
    expect(
      reported('Mark Dale said the plan, a compromise, would pass in May.').map((q) => q.quote),
    ).toEqual(['the plan, a compromise, would pass in May']);
  });

  it('ends before a quotation set in after a dash, with its own attribution', () => {
    expect(
      reported(
        "Mark Dale suggested the mayor liked grand schemes - ''She would have loved the canal,'' he said - and left.",
      ).map((q) => q.quote),
    ).toContain('the mayor liked grand schemes');
  });

  it('ends where "and" brings a subject and a speech verb of its own, comma or not', () => {
    expect(
      reported('Many skippers have said they will not sail and others have said they might.').map(
        (q) => q.quote,
      ),
    ).toContain('they will not sail');
    expect(
      reported('One in three said the ferry is late and one in four said it is unsafe.').map(
        (q) => q.quote,
      ),
    ).toEqual(['the ferry is late', 'it is unsafe']);
    // Two names before one verb are one subject, not a new clause.
    expect(
      reported(
        'Mark Dale said the fares will rise because the council and Lena Moss agreed to it.',
      ).map((q) => q.quote),
    ).toEqual(['the fares will rise because the council and Lena Moss agreed to it']);
  });

  it('ends with a subordinate clause that opens the sentence after a sentence adverb', () => {
    expect(
      reported('However, while the port says it is busy, the ferries are half empty.').map(
        (q) => q.quote,
      ),
    ).toEqual(['it is busy']);
  });

  it('ends with a subordinate clause opened by an adverb and its subordinator', () => {
    expect(
      reported('Ever since Lena Moss announced her candidacy last year, the race has changed.').map(
        (q) => q.quote,
      ),
    ).toEqual(['her candidacy last year']);
  });

  it('ends with the opening phrase that holds it in a relative clause', () => {
    expect(
      reported(
        'And in a year in which most skippers say the ferry is late, even the mayor took the bus.',
      ).map((q) => q.quote),
    ).toEqual(['the ferry is late']);
  });

  it('reads on past a dash, unless the sentence turns there', () => {
    expect(
      reported(
        'Mark Dale said traffic is in decline — a decline that began while he was in office.',
      ).map((q) => q.quote),
    ).toEqual(['traffic is in decline — a decline that began while he was in office']);
    expect(
      reported('Mark Dale said traffic is in decline — but the ferry is full.').map((q) => q.quote),
    ).toEqual(['traffic is in decline']);
  });
});

describe('a described speaker', () => {
  it('ends where its own clause starts, never with its verb', () => {
    expect(
      reported(
        'Moreover, even if the plan is upheld, some harbour experts have concluded that the ferry will close.',
      ),
    ).toEqual([{ speaker: 'some harbour experts', quote: 'the ferry will close' }]);
  });

  it('starts after a semicolon ("…of the campaign; 46 percent said…")', () => {
    expect(
      reported('Most voters said they were tired; 46 percent said they were angry about it.'),
    ).toEqual([
      { speaker: 'Most voters', quote: 'they were tired' },
      { speaker: '46 percent', quote: 'they were angry about it' },
    ]);
  });

  it('may be two groups joined by "and"', () => {
    expect(reported('Her advisers and allies say she will spend May on the ferry plan.')).toEqual([
      { speaker: 'Her advisers and allies', quote: 'she will spend May on the ferry plan' },
    ]);
    expect(
      reported('Many skippers and some harbour workers say the ferry is too slow.').map(
        (q) => q.speaker,
      ),
    ).toEqual(['Many skippers and some harbour workers']);
  });
});

describe('a participle reporting speech', () => {
  it("after a comma or an adverbial word, is said by the sentence's own speaker", () => {
    expect(
      reported(
        'On Tuesday night, Mark Dale struck a measured tone, saying he understood the burden.',
      ),
    ).toEqual([{ speaker: 'Mark Dale', quote: 'he understood the burden' }]);
    expect(reported('Lena Moss changed her vote on the spot – saying she had been wrong.')).toEqual(
      [{ speaker: 'Lena Moss', quote: 'she had been wrong' }],
    );
    // An irregular past tense ends the opening name: "Mark Dale gave Moss", not one name.
    expect(
      reported('Mark Dale gave Moss some credit at the meeting, saying she had done well.'),
    ).toEqual([{ speaker: 'Mark Dale', quote: 'she had done well' }]);
    expect(reported('Lena Moss turned on the council, eventually saying it had failed.')).toEqual([
      { speaker: 'Lena Moss', quote: 'it had failed' },
    ]);
    expect(
      reported('Lena Moss, after initially saying she would stay, left the board in May.').map(
        (q) => q.speaker,
      ),
    ).toEqual(['Lena Moss']);
  });

  it('after "with", is said by what "with" names', () => {
    expect(
      reported('The poll was good for the mayor, with 30 percent of voters saying they trust her.'),
    ).toEqual([{ speaker: '30 percent of voters', quote: 'they trust her' }]);
  });
});

describe('"he" and "she" point back to people', () => {
  it('never to a description that names no person ("the goal", "the closures")', () => {
    expect(
      reported(
        'Oliver Hedge runs the National Golf Foundation in Jupiter.',
        'Many of the closures, he said, have involved public courses.',
        'Secretary of State Ana Kerry flew to Geneva on Friday.',
        'The goal, she said, is to forge a durable cease-fire.',
      ),
    ).toEqual([
      {
        speaker: 'Oliver Hedge',
        quote: 'Many of the closures, he said, have involved public courses',
      },
      { speaker: 'Ana Kerry', quote: 'The goal, she said, is to forge a durable cease-fire' },
    ]);
  });

  it('still to one that does, its head before "from" or "for" ("the senator from Texas")', () => {
    expect(
      reported(
        'Secretary of State Ana Kerry flew to Geneva on Friday.',
        'The senator from Texas said the bill was dead.',
        'He said the vote would wait.',
        'A spokesman for the company said the plant would close.',
        'He said the workers would be paid.',
        'The quarterback said the team was ready.',
        'He said the polls were wrong.',
      ).map((q) => q.speaker),
    ).toEqual([
      'the senator from Texas',
      'the senator from Texas',
      'a spokesman for the company',
      'a spokesman for the company',
      'the quarterback',
      'the quarterback',
    ]);
  });
});

describe('a doubled article in the attribution', () => {
  it('is read once: "according to the the congressional report" is the congressional report', () => {
    expect(
      reported(
        'Hackers also reached the chairman’s computer, according to the the congressional report.',
      ).map((q) => q.speaker),
    ).toEqual(['the congressional report']);
  });
});

describe('a watchdog named "… Watch"', () => {
  it('is an organisation, so "he" after "X, the president of Judicial Watch" is X', () => {
    expect(
      reported(
        'Tom Fitton, the president of Judicial Watch, spoke on Tuesday.',
        'The documents, he said, showed no daylight between the two.',
      ).map((q) => q.speaker),
    ).toEqual(['Tom Fitton']);
  });
});
