import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract-quotes.ts';
import { readParagraph, verbAt } from '../../../src/analysis/quotes/paragraph.ts';
import {
  describedAs,
  jointPhrase,
  speakerPhrase,
} from '../../../src/analysis/quotes/speaker-phrase.ts';

const quotesOf = (...paragraphs: string[]) => extractQuotes(paragraphs).quotes;
const speakerOf = (quotes: ReturnType<typeof quotesOf>, start: string) =>
  quotes.find((q) => q.quote.startsWith(start))?.speaker;

describe('places are not people', () => {
  it('never takes a place after a preposition of place for "he"', () => {
    const q = quotesOf(
      'Mayor Tom Reed said that the floods would recede soon, above all in Carlow.',
      'He added that "we will rebuild every bridge." The district of Upper Carlow lost power.',
    );
    expect(speakerOf(q, 'we will rebuild')).toBe('Tom Reed');
  });

  it('still reads a titled person after a preposition as a person', () => {
    const q = quotesOf('The letter went to President Ana Lima.', '"We will reply," she said.');
    expect(speakerOf(q, 'We will reply')).toBe('Ana Lima');
  });
});

describe('people after "from" and "of" stay people', () => {
  it('clusters a surname to a full name first seen after "from"', () => {
    const q = quotesOf(
      'A letter from Nora Quist reached the council on Monday.',
      'Quist said the plan was illegal.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Nora Quist']);
  });

  it('reads "of" as locative only after a place noun', () => {
    const q = quotesOf(
      'The daughter of Piet Laan opened the museum in the town of Lower Brook.',
      'Laan said the town of Lower Brook had changed.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Piet Laan']);
  });
});

describe('names with a joined particle', () => {
  it('keeps "al-" at the end of a full name', () => {
    const q = quotesOf(
      'Her cousin, 40-year-old teacher Samir Khalil al-Haddad, opened the school gate.',
      '"The children are back," he said.',
    );
    expect(speakerOf(q, 'The children')).toBe('Samir Khalil al-Haddad');
  });
});

describe('subjects with modifiers', () => {
  it('drops a participle with its agent between a subject and its verb', () => {
    const q = quotesOf(
      'Lena Moss, a spokeswoman for the Harbour Alliance, backed by local traders, said on Monday that the boats would stay in port.',
    );
    expect(q).toMatchObject([
      { kind: 'reported', speaker: 'Lena Moss', quote: 'the boats would stay in port' },
    ]);
  });

  it('reads "to" before a capitalised word as a preposition in a role apposition', () => {
    expect(speakerPhrase('The new envoy to Peru, Mark Dale,')).toMatchObject({
      kind: 'person',
      name: 'Mark Dale',
      role: 'The new envoy to Peru',
    });
    const q = quotesOf(
      'The new envoy to Peru, Mark Dale, said on Tuesday that there was "no sign of a deal."',
    );
    expect(q.map((x) => [x.kind, x.speaker])).toEqual([
      ['reported', 'Mark Dale'],
      ['direct', 'Mark Dale'],
    ]);
  });

  it('still rejects an infinitive "to" as a subject', () => {
    expect(speakerPhrase('The plan to cut taxes')).toBeUndefined();
  });
});

describe('sentence adverbs and numbers are no speakers', () => {
  it('reads the subject after a sentence adverb and its comma', () => {
    expect(speakerPhrase('Nevertheless, Ana Lima')).toMatchObject({ name: 'Ana Lima' });
    expect(speakerPhrase('Regardless, the State Department')).toMatchObject({
      kind: 'organisation',
      name: 'the State Department',
    });
    expect(speakerPhrase('Overall, conservative outside groups')).toMatchObject({
      kind: 'description',
      name: 'conservative outside groups',
    });
    const q = quotesOf('Nonetheless, Ana Lima said the bridge would reopen in May.');
    expect(q.map((x) => [x.kind, x.speaker])).toEqual([['reported', 'Ana Lima']]);
  });

  it('keeps a group that opens the sentence before its apposition', () => {
    const q = quotesOf(
      'Republicans, who hold a majority in the Senate, have blocked the measures, saying they infringe on the right to bear arms.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Republicans']);
  });

  it('takes no number that opens a sentence for a name', () => {
    expect(speakerPhrase('Seventy-four')).toBeUndefined();
    expect(speakerPhrase('Eleven')).toBeUndefined();
    const q = quotesOf('Thirty-one percent of those surveyed say they would be satisfied.');
    expect(q.map((x) => x.speaker)).toEqual(['Thirty-one percent of those surveyed']);
  });

  it('leaves the auxiliary a described subject ends on out of its name', () => {
    expect(speakerPhrase('The Florida senator is')).toMatchObject({
      kind: 'description',
      name: 'the Florida senator',
    });
    const q = quotesOf('A major climate group is demanding that the candidates address energy.');
    expect(q.map((x) => x.speaker)).toEqual(['a major climate group']);
  });

  it('gives what "who" stands for, not "who", as the speaker', () => {
    const q = quotesOf(
      'Almost half said they wanted an outsider, compared with 23 percent who said they preferred experience.',
    );
    expect(speakerOf(q, 'they preferred')).toBe('23 percent');
    expect(
      speakerOf(
        quotesOf('Those who said the economy mattered most backed Ana Lima.'),
        'the economy',
      ),
    ).toBe('those');
  });

  it('takes no sentence lead-in before a name for its role', () => {
    expect(speakerPhrase('No wonder Ana Lima')).toMatchObject({ name: 'Ana Lima' });
    expect(speakerPhrase('No wonder Ana Lima')).not.toHaveProperty('role');
    expect(speakerPhrase('By comparison Ana Lima')).not.toHaveProperty('role');
    expect(speakerPhrase('Former Gov. Ana Lima')).toMatchObject({ role: 'Former Gov.' });
  });

  it('reads a speech verb that is also a noun after a number as that noun', () => {
    // "eight state legislative candidates": no one "states" here.
    const q = quotesOf(
      'Sen. Ana Lima is facing criticism. Lima had previously said, “We’ll see,” when asked.',
      'But Lima has begun to rebut that criticism. On Tuesday, Lima went further, endorsing eight state legislative candidates “who embody the spirit of our movement.”',
    );
    expect(q.find((x) => x.quote.startsWith('who embody'))).toMatchObject({ speaker: 'Ana Lima' });
    expect(q.find((x) => x.quote.startsWith('who embody'))?.cue).toBeUndefined();
  });

  it('drops the participle that dates a described subject with its day', () => {
    expect(speakerPhrase('A campaign TV ad released Thursday')).toMatchObject({
      kind: 'description',
      name: 'a campaign TV ad',
    });
    const q = quotesOf(
      'A campaign TV ad released Thursday accuses Lima of buying influence "in a pattern of sleaze."',
    );
    expect(q.map((x) => x.speaker)).toEqual(['a campaign TV ad']);
  });

  it('reads "said X of Y" about someone the article names as said about Y', () => {
    const q = quotesOf(
      'Gov. Mark Dale quit on Wednesday.',
      '"It just was never meant to be," said political scientist Ana Lima of Dale, who quit.',
      '"We will win," said Sen. Tom Reed of Texas.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Ana Lima', 'Tom Reed of Texas']);
  });

  it('ends a subject before a negated auxiliary', () => {
    expect(speakerPhrase('Only, CNN didn’t')).toMatchObject({ name: 'CNN' });
    expect(speakerPhrase("Ana Lima wouldn't")).toMatchObject({ name: 'Ana Lima' });
  });
});

describe('function words and adjectives are no speakers', () => {
  it('reads no function word, adverb or article alone as a description', () => {
    for (const text of ['as', 'a', 'the', 'once again', 'yet every', 'Ever', 'Thanks', 'Aug'])
      expect(speakerPhrase(text), text).toBeUndefined();
    // Groups that stand alone as subjects still do.
    for (const text of ['most', 'both', 'officials'])
      expect(speakerPhrase(text)?.kind, text).toBe('description');
  });

  it('reads one bare word as a subject only when it is a plural, a collective or a person', () => {
    for (const text of ['phone', 'bipartisan', 'possible', 'taking', 'movement', 'news', 'status'])
      expect(speakerPhrase(text), text).toBeUndefined();
    for (const text of ['police', 'voters', 'spokesman', 'staff', 'someone', 'the family'])
      expect(speakerPhrase(text)?.kind, text).toBe('description');
    const q = quotesOf(
      '"Get out of here," someone shouted.',
      '"We are ready," the family said.',
      '"We loved every minute," Ant and Dec said.',
      '"The need is huge," Jan said.',
      '"Vitamin A is good," the doctor said.',
    );
    expect(q.map((x) => x.speaker)).toEqual([
      'someone',
      'the family',
      'Ant and Dec',
      'Jan',
      'the doctor',
    ]);
  });

  it('reads no inverted verb or opening preposition as part of a subject', () => {
    expect(speakerPhrase('said the woman')).toMatchObject({ name: 'the woman' });
    expect(speakerPhrase('Yet several economists')).toMatchObject({ name: 'several economists' });
    expect(describedAs('of Ms. Lima')).toBeUndefined();
    expect(describedAs('in September she')).toEqual({ kind: 'pronoun', pronoun: 'she' });
    expect(describedAs('to it')).toBeUndefined();
    expect(speakerPhrase('The following day, he')).toEqual({ kind: 'pronoun', pronoun: 'he' });
    expect(describedAs('At least half of voters in each county')).toMatchObject({
      kind: 'description',
    });
  });

  it('reads a capitalised participle opening the sentence as a lead-in, not a first name', () => {
    expect(speakerPhrase('Appearing on a Sunday talk show, the mayor')).toMatchObject({
      name: 'the mayor',
    });
    expect(speakerPhrase('Sterling Brown, the actor')).toMatchObject({ name: 'Sterling Brown' });
    // Nothing else in the sentence names anyone: the opening word is no speaker either.
    const q = quotesOf(
      'Reprising one of her favorite lines, the governor talked about "a state that works for all."',
      'Recently, a supporter posted on his page: "I am getting off the ship."',
    );
    expect(q.map((x) => x.speaker)).toEqual(['a supporter']);
    expect(quotesOf('Schilling, who worked for the network, said "let him in."')[0]?.speaker).toBe(
      'Schilling',
    );
    // An opening participle before an adverb is no name either.
    expect(
      quotesOf('Ana Lima spoke. Looking ahead, aides were prompted to say, "no way."').map(
        (x) => x.speaker,
      ),
    ).not.toContain('Looking');
    // An "-ing" surname before an adverb or a verb is a name.
    const golding = quotesOf(
      'Ana Lima spoke. Golding sometimes was prompted to say, "Make it great."',
    );
    expect(speakerOf(golding, 'Make it great')).toBe('Golding');
  });

  it('reads no clause as a subject: a speech verb inside it, or a clause opener before it', () => {
    for (const text of ['Trump said', 'Lima says', 'It makes a difference', 'Within minutes'])
      expect(speakerPhrase(text), text).toBeUndefined();
    // Subjects that open with such words still read.
    expect(speakerPhrase('Her advisers')?.kind).toBe('description');
    expect(speakerPhrase('That letter')?.kind).toBe('description');
    expect(speakerPhrase('Will Doyle')).toMatchObject({ kind: 'person', name: 'Will Doyle' });
    expect(speakerPhrase('It’s a dynamic Greenberg')).toMatchObject({ name: 'Greenberg' });
    // A party-and-state tag after the name is no speaker.
    expect(speakerPhrase('although a former congressman, Mark Siljander, R-Mich.')).toMatchObject({
      name: 'Mark Siljander',
    });
  });

  it('takes "easier said than done" for an idiom, not speech', () => {
    expect(quotesOf('But "closing the rink" is easier said than done in the city.')).toEqual([]);
  });

  it('reads a pronoun with its contracted auxiliary as the pronoun', () => {
    expect(speakerPhrase('they’ve')).toEqual({ kind: 'pronoun', pronoun: 'they' });
    const q = quotesOf(
      'Several Vance associates have mentioned Ohio as one place where he could be useful. Vance, who won nearly 12 percent in that state’s primary, could help turn out the base for Sen. Ana Lima, they’ve suggested.',
    );
    expect(speakerOf(q, 'Vance, who won')).toBe('Several Vance associates');
  });

  it("gives a passive speech verb's quote to its agent", () => {
    const q = quotesOf(
      'The audit was "a failure of oversight," as described by Inspector General Ruth Okafor.',
      '"Leave the files alone," the clerk was told by his supervisor.',
    );
    expect(speakerOf(q, 'a failure')).toBe('Ruth Okafor');
    expect(speakerOf(q, 'Leave the files')).toBe('his supervisor');
  });

  it('takes the agent only of a passive verb, and never the outlet that quoted', () => {
    const q = quotesOf(
      '"We will win," Ana Lima said by video link.',
      '"It was reckless," Ana Lima was quoted by Reuters as saying.',
      'Senators blocked the bill over "poison pill" measures added by Republicans.',
    );
    expect(speakerOf(q, 'We will win')).toBe('Ana Lima');
    expect(speakerOf(q, 'It was reckless')).not.toBe('Reuters');
    expect(speakerOf(q, 'poison pill')).toBe('Republicans');
  });

  it('ends the agent after "by" at a dash', () => {
    const q = quotesOf(
      'From the lost contracts to being "deeply careless" with public money – as described by Mayor Ivo Brandt – her record worries many residents.',
    );
    expect(speakerOf(q, 'deeply careless')).toBe('Ivo Brandt');
  });

  it('reads an "-ed" word after an article as an adjective of the subject', () => {
    const q = quotesOf(
      'The retired admiral has given no details about how he planned to run the fund, saying in his statement only that he was "reviewing some practices and moving some staff."',
    );
    expect(speakerOf(q, 'reviewing')).toBe('the retired admiral');
  });

  it('reads "the next month" before the subject as a time', () => {
    expect(speakerPhrase('The next month, a former council aide')).toMatchObject({
      kind: 'description',
      name: 'a former council aide',
    });
  });
});

describe('two roles joined before one name', () => {
  it('reads "former Ohio Gov. and National Committee Chairman Tom Reed" as Tom Reed', () => {
    expect(
      speakerPhrase('former Ohio Gov. and National Committee Chairman Tom Reed'),
    ).toMatchObject({
      kind: 'person',
      name: 'Tom Reed',
      role: 'former Ohio Gov. and National Committee Chairman',
    });
    const q = quotesOf(
      '"We will carry the state in the fall," said former Ohio Gov. and National Committee Chairman Tom Reed. "It is about turnout."',
      '"He was right," said former prosecutor and City Mayor Ana Lima.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Tom Reed', 'Tom Reed', 'Ana Lima']);
  });

  it('reads no "and" past a sentence end, and no two people as one', () => {
    const q = quotesOf(
      '"We will win," said the spokesman. And the crowd cheered.',
      '"We will win," said the mayor. And then Ana Lima left the room.',
      '"We will lose," said the coach and his team cheered loudly.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['the spokesman', 'the mayor', 'the coach']);
    expect(speakerPhrase('the senator and Mrs. Smith')).toBeUndefined();
    expect(speakerPhrase('the governor and Sen. John Smith')).toBeUndefined();
    // One person with two roles after an article; a couple by its family name.
    expect(speakerPhrase('the billionaire and former Gov. Tom Reed')).toMatchObject({
      name: 'Tom Reed',
    });
    const couple = speakerPhrase('Mr. and Mrs. Smith');
    expect(couple).toMatchObject({ kind: 'person', name: 'Smith' });
    expect(couple && 'gender' in couple ? couple.gender : undefined).toBeUndefined();
  });
});

describe('a party or nationality before its plural noun', () => {
  it('is no name of its own', () => {
    const q = quotesOf(
      'Seventy percent of Republican registered voters say they want a new nominee.',
      'Most Israeli registered voters say they want a new coalition.',
    );
    expect(q.map((x) => x.speaker)).toEqual([
      'Seventy percent of Republican registered voters',
      'Most Israeli registered voters',
    ]);
  });

  it('still reads a name whose ending looks like a nationality, before an adverb', () => {
    const q = quotesOf(
      'Ana Lima spoke. In the end Giuliani always wanted to say that the plan "was great."',
    );
    expect(speakerOf(q, 'was great')).toBe('Giuliani');
  });

  it('reads a poll share after "and" as the subject of its own clause', () => {
    const q = quotesOf(
      'Ana Lima spoke first. In the poll, 39 percent blame his aides and 22 percent say he is "not at all responsible."',
    );
    expect(speakerOf(q, 'not at all')).toBe('22 percent');
    // A share next to its verb, after an opening phrase.
    expect(
      quotesOf('Among Lima supporters, however, 61 percent said they have their minds made up.')[0]
        ?.speaker,
    ).toBe('61 percent');
    // A share of time is no subject: the pronoun after it is.
    const time = quotesOf(
      'Ana Lima spoke first. She won 60 percent of the vote and 40 percent of the time she says the plan is "not at all responsible."',
    );
    expect(time.map((x) => x.speaker)).not.toContain('40 percent of the time she');
  });
});

describe('pronouns prefer people', () => {
  it('gives "he" to the last speaker over a bare capitalised name since', () => {
    const q = quotesOf(
      'Mr Owen Pryce said the talks had stalled.',
      'Last winter, a plane dropped leaflets on Glen Arrow in the north, according to the Weather Office. He also said that the repairs would take a month.',
    );
    expect(speakerOf(q, 'the repairs')).toBe('Owen Pryce');
  });

  it('still gives "he" to a person named with a role after the last speaker', () => {
    const q = quotesOf(
      'Mr Owen Pryce said the talks had stalled.',
      'His neighbour, retired pilot Karl Henrik Berg, showed the damage.',
      '"We lost everything," he said.',
    );
    expect(speakerOf(q, 'We lost')).toBe('Karl Henrik Berg');
  });
});

describe('partial quotes inside a reported clause', () => {
  it('gives the quote to the verb reporting the clause, not to a verb inside it', () => {
    const q = quotesOf(
      'The ministry has warned that the rangers would answer "swiftly and firmly" if the poachers returned.',
    );
    expect(q.find((x) => x.kind === 'direct')).toMatchObject({
      quote: 'swiftly and firmly',
      speaker: 'the ministry',
    });
  });

  it('does not reach back past a stop to a verb before an earlier clause', () => {
    // A split sentence (dirty text without a space after the stop) must not lend the first verb
    // as the quote's cue; the quote is still found, attributed by its sentence.
    const q = quotesOf(
      'The ministry claimed that the parks would reopen in May;the rangers would answer "swiftly and firmly" if asked.',
    );
    const direct = q.filter((x) => x.kind === 'direct');
    expect(direct).toHaveLength(1);
    expect(direct[0]!.cue).toBeUndefined();
  });
});

describe('inverted attribution at the end of a sentence', () => {
  it('reads the clause before ", said NAME, long apposition."', () => {
    const q = quotesOf(
      'Late on Sunday, heavy rain flooded two valleys, closed the main road and cut power to a clinic, said Ines Ferro, head of the regional civil protection office based in Turin.',
    );
    expect(q).toMatchObject([
      {
        kind: 'reported',
        speaker: 'Ines Ferro',
        quote:
          'Late on Sunday, heavy rain flooded two valleys, closed the main road and cut power to a clinic',
      },
    ]);
  });

  it('takes no clause when a long tail is not a name and its apposition', () => {
    // What is reported is the warning, not the sentence before "warned".
    const q = quotesOf(
      'The coach, Tomas Rey, warned players not to talk to reporters about the injured goalkeeper before the final.',
    );
    expect(q.map((x) => [x.kind, x.speaker, x.quote])).toEqual([
      [
        'reported',
        'Tomas Rey',
        'not to talk to reporters about the injured goalkeeper before the final',
      ],
    ]);
  });
});

describe('quotation marks that are not speech', () => {
  it('skips markup attribute values and quoted handles or numbers', () => {
    const q = quotesOf(
      'Mayor Tom Reed spoke on Monday. <tweet id="6721" author="@reed"> He said "@reed" and "2016".',
    );
    expect(q.filter((x) => x.kind === 'direct')).toEqual([]);
  });

  it('drops a one-word scare quote no one is reported to say, keeps it inside reported speech', () => {
    const q = quotesOf(
      '"We will win," Mayor Tom Reed said on Monday.',
      'The "establishment" candidate lost.',
      'Reed said the vote was "rigged" from the start.',
    );
    expect(q.some((x) => x.quote === 'establishment')).toBe(false);
    expect(q.some((x) => x.kind === 'direct' && x.quote === 'rigged')).toBe(true);
  });

  it('keeps a one-word quotation in a sentence that reports a belief or a finding', () => {
    const q = quotesOf(
      '"We will win," Mayor Tom Reed said on Monday.',
      'Reed believes the plan is "reckless" and wants a vote. The "establishment" candidate lost.',
    );
    expect(q.filter((x) => x.kind === 'direct').map((x) => [x.speaker, x.quote])).toEqual([
      ['Tom Reed', 'We will win'],
      ['Tom Reed', 'reckless'],
    ]);
  });

  it('takes a quoted word inside a name for a nickname, not speech', () => {
    const q = quotesOf('"We will win," said Gov. C.L. "Butch" Otter on Monday.');
    expect(q.map((x) => x.quote)).toEqual(['We will win']);
  });

  it('takes a headline followed by its byline for no speech', () => {
    const q = quotesOf(
      'Mayor Tom Reed spoke on Monday.',
      'FAREWELL—"The Living Room to close at the end of December," by Times\' Ben Sisario.',
    );
    expect(q).toEqual([]);
  });

  it('takes a title-cased quotation that opens its sentence before a speech verb as speech', () => {
    const q = quotesOf(
      'The judge turned to me. "Your Honor," I said. "GROWING PARTY," Tom Reed declared.',
      'On ABC\'s "This Week," Reed admitted that the course was real.',
    );
    expect(q.filter((x) => x.kind === 'direct').map((x) => x.quote)).toEqual([
      'Your Honor',
      'GROWING PARTY',
    ]);
  });

  it('takes a title-cased quotation inside reported speech or after a colon as speech', () => {
    const q = quotesOf(
      'Mayor Tom Reed said he backed a new "Harbor Lights" only because the council agreed.',
      'Reed said on Monday on WXYZ\'s "Morning Desk." Ana Cruz sent one line: "WE ARE NOT DONE."',
    );
    expect(q.filter((x) => x.kind === 'direct').map((x) => [x.speaker, x.quote])).toEqual([
      ['Tom Reed', 'Harbor Lights'],
      ['Ana Cruz', 'WE ARE NOT DONE.'],
    ]);
  });

  it('takes the words someone uses for a thing as a quote, even title-cased or one word', () => {
    const q = quotesOf(
      'Mayor Tom Reed called the plan "Reckless" on Monday, and hailed the vote as a "breakthrough".',
      'The strike has been dubbed the "Summer of Anchors" by Ana Cruz, a union leader.',
      'Reed wrote a novel, "The Long Winter," in Oslo. The so-called "establishment" lost.',
    );
    expect(q.filter((x) => x.kind === 'direct').map((x) => [x.speaker, x.quote])).toEqual([
      ['Tom Reed', 'Reckless'],
      ['Tom Reed', 'breakthrough'],
      ['Ana Cruz', 'Summer of Anchors'],
    ]);
  });
});

describe('speaker names without roles, places and sentence words', () => {
  it.each([
    ['Yet Clinton said the plan works.', 'Clinton'],
    ['Neither Cruz said the plan works.', 'Cruz'],
    ['Secretary of State Hillary Clinton said the plan works.', 'Hillary Clinton'],
    ['Ohio Gov. John Kasich said the plan works.', 'John Kasich'],
    ['Speaker Paul D. Ryan said the plan works.', 'Paul D. Ryan'],
    ['Democrat Hillary Clinton said the plan works.', 'Hillary Clinton'],
    ['Friends of the Earth said the plan works.', 'Friends of the Earth'],
  ])('%s', (text, speaker) => {
    expect(quotesOf(text).map((q) => q.speaker)).toEqual([speaker]);
  });

  it('reads the name after "Secretary of State" as the name', () => {
    const q = quotesOf(
      'Former Secretary of State Hillary Clinton spoke in Iowa.',
      '"It is fine," Clinton said.',
    );
    expect(q.map((x) => x.speaker)).toEqual(['Hillary Clinton']);
  });
});

describe('sentence words and dates are never speakers', () => {
  it.each([
    ["But, Mr. Hannity said, ''I don't say anything privately.''", 'Hannity'],
    ['Thursday, Ana Lima said the crowd "treated me so well."', 'Ana Lima'],
  ])('%s', (text, speaker) => {
    expect(new Set(quotesOf(text).map((q) => q.speaker))).toEqual(new Set([speaker]));
  });

  it('keeps "I" and "we" as the writer described, not as a name', () => {
    const q = quotesOf('We asked what our readers thought about the debate.');
    expect(q).toMatchObject([{ kind: 'reported', speaker: 'We' }]);
  });
});

describe('subjects with datelines, party tags, places and lead-ins', () => {
  it.each([
    ['WASHINGTON, June 10 (UPI) — Senator Ana Lima told a rally she would "fight on."', 'Ana Lima'],
    ['Lisbon (AFP) – Ana Lima has said that "bombastic comments" do harm.', 'Ana Lima'],
    ['Sen. Ana Lima (D-MA) said the plan was a "proven failure" in business.', 'Ana Lima'],
    ['At a rally in Ames, Iowa, on Sunday, Ana Lima said the state should "lead."', 'Ana Lima'],
    ['Speaking in Salem, Oregon, Ana Lima went after Bush, calling him "a stiff."', 'Ana Lima'],
    ['Hours later, Ana Lima replied, telling reporters, "We have been friends."', 'Ana Lima'],
    ['Of Lee, Ana Lima said voters would find it "very hard to look past."', 'Ana Lima'],
    ['"It was impressive," like the markets, said Ana Lima, an economist.', 'Ana Lima'],
    ['"We lost," said retired general Ana Lima, asked about the war.', 'Ana Lima'],
    [
      'Democratic presidential candidate Ana Lima is urging voters to "send a message" to banks.',
      'Ana Lima',
    ],
    ['Horrified at the prospect, Ana Lima believes in journalism that "takes sides."', 'Ana Lima'],
  ])('%s', (text, speaker) => {
    const direct = quotesOf(text).filter((q) => q.kind === 'direct');
    expect(direct.map((q) => q.speaker)).toEqual([speaker]);
  });

  it('reads an apposition between dashes like one between commas', () => {
    expect(speakerPhrase('A former candidate — John McCain — ')).toMatchObject({
      kind: 'person',
      name: 'John McCain',
    });
  });

  it('keeps the state of "in Gaza, Ismail Haniyeh," a person with two names', () => {
    expect(speakerPhrase('Speaking in Gaza, Ismail Haniyeh, the leader, ')).toMatchObject({
      name: 'Ismail Haniyeh',
    });
  });

  it('gives a participle after "X said," the subject of that verb', () => {
    const q = quotesOf(
      'Lee and Kim will meet next week, Spicer said, adding, "They need to talk."',
    );
    expect(speakerOf(q, 'They need')).toBe('Spicer');
  });
});

describe('subjects with long roles, titles in quote marks and surnames ending in -ly', () => {
  it.each([
    [
      'Ana Lima, associate professor of history at the University of Nevada-Las Vegas, said places such as Iowa "have more of a resonance."',
      'Ana Lima',
    ],
    [
      'Ana Lima, the co-author of "Going Viral," about the spread of news, said the days of "a unifying story" are gone.',
      'Ana Lima',
    ],
    ['The former secretary of state will play the "woman card," Ana Lima said.', 'Ana Lima'],
    [
      "In 2016, Mrs. Schlafly endorsed Lee, saying he had ''the courage and the energy'' to win.",
      'Schlafly',
    ],
  ])('%s', (text, speaker) => {
    const direct = quotesOf(text).filter((q) => q.kind === 'direct');
    expect(new Set(direct.map((q) => q.speaker))).toEqual(new Set([speaker]));
  });
});

describe('the attribution right after a quotation closed by a comma', () => {
  it('goes before a verb earlier in the sentence', () => {
    const q = quotesOf('Comey cannot say that "from his perspective," Ana Lima added.');
    expect(speakerOf(q, 'from his')).toBe('Ana Lima');
  });

  it('not across a clause, a colon or a description', () => {
    const q = quotesOf(
      'Cruz said he would make sand "glow in the dark," for instance, and Lee vowed to win.',
      'When Lee said he would "protect our citizens," the crowd applauded loudly.',
    );
    expect(speakerOf(q, 'glow')).toBe('Cruz');
    expect(speakerOf(q, 'protect')).toBe('Lee');
  });
});

describe('names never end in a time or a short title', () => {
  it.each([
    ['Gov. Ana Lima on Thursday blamed the media for the "founded ISIS" claim.', 'Ana Lima'],
    ['Senator Ana Lima (D-Calif.) last week said Lee was not the "originator" of it.', 'Ana Lima'],
  ])('%s', (text, speaker) => {
    expect(quotesOf(text).find((q) => q.kind === 'direct')?.speaker).toBe(speaker);
  });

  it('reads "former Pennsylvania Gov." as a description, not a name', () => {
    expect(speakerPhrase('former Pennsylvania Gov.')).toMatchObject({ kind: 'description' });
  });
});

describe('lead-ins and pronouns in the same sentence', () => {
  it.each([
    ['Frustrated, Ana Lima said he "cannot walk down the street" unasked.', 'Ana Lima'],
    ['Additionally, Ana Lima said: "I have acknowledged it repeatedly."', 'Ana Lima'],
    ['Amid calls from some to name them, Ana Lima said it is "necessary" to remember.', 'Ana Lima'],
  ])('%s', (text, speaker) => {
    expect(quotesOf(text).find((q) => q.kind === 'direct')?.speaker).toBe(speaker);
  });

  it('keeps a surname ending in -ly or -ed as the subject', () => {
    expect(speakerPhrase('Kelly, the senator, ')).toMatchObject({ name: 'Kelly' });
  });

  it('gives "he said" the speaker of the sentence before a name it mentions', () => {
    const q = quotesOf(
      'Lee spokesman Rick Tyler said that voters know Lee has "guiding principles," he said.',
    );
    expect(speakerOf(q, 'guiding')).toBe('Rick Tyler');
  });
});

describe('datelines with a date and sentence words before a subject', () => {
  it.each([
    [
      'PHILADELPHIA, July 25 (UPI) — The Party Committee released a statement offering "a deep apology" to Lee.',
      'Party Committee',
    ],
    [
      "Back then, Ms. Lima said, she found Ms. Sherry ''very professional and very quiet.''",
      'Lima',
    ],
    ['First, Ana Lima attacked Lee for being a "failed candidate." Then she left.', 'Ana Lima'],
  ])('%s', (text, speaker) => {
    expect(quotesOf(text).find((q) => q.kind === 'direct')?.speaker).toBe(speaker);
  });
});

describe('one person under one full name in an article', () => {
  it.each([
    [
      'Bernie Sanders spoke in New Hampshire. Lee, a fellow New Hampshire Sanders veteran, knocked on doors.',
      'Bernie Sanders',
    ],
    [
      'Bernie Sanders spoke. Celebrating Sanders fans cheered, and Six Sanders aides left.',
      'Bernie Sanders',
    ],
  ])('%s', (intro, full) => {
    const q = quotesOf(intro, '"We will win," Sanders said.');
    expect(speakerOf(q, 'We will win')).toBe(full);
  });

  it('reads "a smiling Clinton" as Clinton with a modifier', () => {
    expect(speakerPhrase('A smiling Clinton ')).toMatchObject({ kind: 'person', name: 'Clinton' });
    expect(speakerPhrase('a few weeks after Obama')).toMatchObject({ kind: 'description' });
  });

  it('keeps a surname alone with the full name the article repeats', () => {
    const q = quotesOf(
      'Ted Cruz spoke first. Ted Cruz was born Rafael Edward Cruz in Calgary.',
      '"We will win," Cruz said.',
    );
    expect(speakerOf(q, 'We will win')).toBe('Ted Cruz');
  });
});

describe('a quotation that ends with a quotation inside it', () => {
  it('still takes the name and verb after it', () => {
    const q = quotesOf(
      'Lee spoke first.',
      '“He is like, ‘Let’s write new songs,’ and we said, ‘We already wrote them, bro,’” Ana Lima continued.',
    );
    expect(speakerOf(q, 'He is like')).toBe('Ana Lima');
  });
});

describe('a pronoun and a past-tense verb right after a quotation', () => {
  it('attribute it, whatever the verb ("…," he continued)', () => {
    // No speaker before it to fall back on: the cue itself must name him.
    const q = quotesOf(
      'Senator Tom Reed spoke in Ohio.',
      '“Honestly,” he continued, “we will win.”',
    );
    expect(speakerOf(q, 'Honestly')).toBe('Tom Reed');
  });
});

describe('a place and its state open a sentence as one adverbial', () => {
  it('finds the subject after "in Birmingham, Alabama, on Saturday,"', () => {
    const q = quotesOf(
      'At a rally in Birmingham, Alabama, on Saturday, Ann Lee was prompted to say, "We will win."',
    );
    expect(speakerOf(q, 'We will win')).toBe('Ann Lee');
  });
});

describe('a description after an inverted verb keeps the name that completes it', () => {
  it('reads "said one longtime adviser to Nora Quist" to the end of the name', () => {
    const q = quotesOf('“The race is close,” said one longtime adviser to Nora Quist.');
    expect(speakerOf(q, 'The race')).toBe('one longtime adviser to Nora Quist');
  });

  it('reads "close to the" and "known as" too (a role, then the name it gives)', () => {
    const q = quotesOf(
      '“We are behind,” said a person close to the Quists. “It will pass,” said the base chief known as Bob.',
    );
    expect(speakerOf(q, 'We are')).toBe('a person close to the Quists');
    expect(speakerOf(q, 'It will')).toBe('Bob');
  });

  it('still stops at "to" before a listener', () => {
    const q = quotesOf('“We are behind,” said a campaign aide to reporters on Monday.');
    expect(speakerOf(q, 'We are')).toBe('a campaign aide');
  });
});

describe('an age before a name', () => {
  it('reads "81-year-old Parker Eaton" as the subject, and the quotation after his colon as his', () => {
    const q = quotesOf(
      '81-year-old Nora Quist, a retired teacher, said that given the choice:',
      '“There is only one candidate for me. She spends her own money.”',
    );
    expect(speakerOf(q, 'There is only one')).toBe('Nora Quist');
  });
});

describe('"they" after two people named together', () => {
  it('speaks for both', () => {
    const q = quotesOf(
      'Nora Quist and Piet Laan toured the county in May.',
      'As Quist and Laan stumped across the valley, they said the race was now very close.',
    );
    expect(speakerOf(q, 'the race was')).toBe('Nora Quist and Piet Laan');
  });
});

describe('two people as one subject', () => {
  it('attributes the quotation to both', () => {
    const q = quotesOf(
      '“The party is split,” Nora Quist and Piet Laan wrote.',
      '“No one will win,” Sen. Ana Lima and Rep. Tom Reed said in a statement.',
    );
    expect(speakerOf(q, 'The party')).toBe('Nora Quist and Piet Laan');
    expect(speakerOf(q, 'No one')).toBe('Ana Lima and Tom Reed');
  });

  it('reads two names joined by "and", and nothing else, as two people', () => {
    const names = (text: string) =>
      jointPhrase(text)?.map((p) => (p.kind === 'pronoun' ? p.pronoun : p.name));
    expect(names('nuclear experts Ana Lima and Tom Reed of the Harbour Institute')).toEqual([
      'Ana Lima',
      'Tom Reed',
    ]);
    expect(names('Nora Quist and the Harbour Alliance')).toBeUndefined();
    expect(names('Nora Quist and her lawyers')).toBeUndefined();
    expect(names('Nora Quist')).toBeUndefined();
  });
});

describe('a description before ", said NAME"', () => {
  it('is what is said; the name after the verb says it', () => {
    const q = quotesOf(
      'Any “cleareyed” reading of the deal, said Nora Quist, an expert on the region, would see the risk.',
      'The paradox of the plan, says Piet Laan, historian at the Harbour Library, is that it “works too well.”',
    );
    expect(speakerOf(q, 'cleareyed')).toBe('Nora Quist');
    expect(speakerOf(q, 'works too well')).toBe('Piet Laan');
  });
});

describe('places and nouns around a subject', () => {
  it('never takes a state written short next to the verb for the speaker', () => {
    const q = quotesOf(
      '“I would have been sitting in a cell for years,” Mr. Piet Laan, now 81 and retired in Cambridge, Mass., said by telephone.',
    );
    expect(speakerOf(q, 'I would have')).toBe('Piet Laan');
  });

  it('reads "report" before "was" as a noun, "say" before "is" still as a verb', () => {
    const verbs = (text: string) => {
      const p = readParagraph(text, 0);
      return p.words.filter((_, i) => verbAt(p, i)).map((w) => w.lower);
    };
    expect(verbs('Nora Quist wrote after the jobs report was released.')).toEqual(['wrote']);
    expect(verbs('It is the kind of job that economists say is the future.')).toEqual(['say']);
    expect(verbs('The council will report on Monday.')).toEqual(['report']);
  });
});

describe('a name after the quotation with a long apposition before its verb', () => {
  it('is the speaker when the verb follows a comma in the same sentence', () => {
    const q = quotesOf(
      'Local party leaders said the race was close. “We have to win the county,” Piet Laan, the chairman for the Northern Valley exurb and its two small river towns, said of the encounter.',
    );
    expect(q.find((x) => x.quote.startsWith('We have to win'))).toMatchObject({
      speaker: 'Piet Laan',
      cue: 'said',
    });
  });
});

describe('a possessive before a name is whom the person works for', () => {
  it('names the person after the possessive, and keeps the possessor as the role', () => {
    const q = quotesOf(
      '“The public will reflect on his record,” Gallup’s Jeffrey M. Jones wrote in April.',
      '“It is a referendum,” Jones said. "We won," Reuters\' Tom Vale said.',
      '"It was close," the Times\' Maggie Haberman said.',
    );
    expect(speakerOf(q, 'The public will reflect')).toBe('Jeffrey M. Jones');
    expect(q.find((x) => x.quote.startsWith('The public'))?.role).toBe('Gallup’s');
    expect(speakerOf(q, 'It is a referendum')).toBe('Jeffrey M. Jones');
    expect(speakerOf(q, 'We won')).toBe('Tom Vale');
    expect(speakerOf(q, 'It was close')).toBe('Maggie Haberman');
  });

  it('reads no person in a possessed run before a noun', () => {
    const q = quotesOf('Hillary Clinton’s Bernie Sanders problem grew. "It is fine," she said.');
    expect(speakerOf(q, 'It is fine')).not.toBe('Bernie Sanders');
  });

  it('reads no name after a possessive that is a place, a post or a thing', () => {
    expect(speakerPhrase("the officer in charge of the CIA's Benghazi base")?.kind).toBe(
      'description',
    );
    expect(speakerPhrase("the People's Daily newspaper")).toMatchObject({
      name: "the People's Daily newspaper",
    });
    expect(speakerPhrase("South Dakota's Republican")).not.toMatchObject({ name: 'Republican' });
    expect(speakerPhrase("the Times' Tim Arango")).toMatchObject({ role: "the Times'" });
    expect(speakerPhrase("as the Washington Post's Dana Milbank")).toMatchObject({
      role: "the Washington Post's",
    });
    expect(speakerPhrase("Marketwatch's Mark Hulbert")).toMatchObject({ role: "Marketwatch's" });
    expect(speakerPhrase("Clinton's campaign manager Robby Mook")).toMatchObject({
      name: 'Robby Mook',
      role: "Clinton's campaign manager",
    });
  });
});

describe('who says a relative clause', () => {
  it('is the name or group after "which" or "that", not what the clause describes', () => {
    const q = quotesOf(
      'Governor Dan Moss vetoed the bathroom bill, which critics said was discriminatory against transgender students.',
      'Cruz’s campaign emailed a video from 1999, in which Trump called himself “very pro-choice.”',
    );
    expect(speakerOf(q, 'was discriminatory')).toBe('critics');
    expect(speakerOf(q, 'very pro-choice')).toBe('Trump');
  });

  it('leaves a pronoun there to the sentence’s subject', () => {
    const q = quotesOf(
      'Kasich says he can defeat likely Democratic nominee Hillary Clinton.',
      'Donald Trump has blasted the delegate system, which he said runs the risk of leaving millions of voters disenfranchised.',
    );
    expect(speakerOf(q, 'runs the risk')).toBe('Donald Trump');
  });
});

describe('names in a headline', () => {
  const text = [
    'Understated Perez raises political profile.',
    'Labor Secretary Thomas Perez stopped writing his speech.',
    '"Donald Trump is a fraud," Perez said Sunday.',
  ];

  it('takes no headline word for a first name when the article names the person otherwise', () => {
    const { quotes } = extractQuotes(text, { headline: true });
    expect(speakerOf(quotes, 'Donald Trump is a fraud')).toBe('Thomas Perez');
  });

  it('takes no direct quote from the headline, whose quotation marks set words off', () => {
    const { quotes } = extractQuotes(
      [
        'Obama slams GOP’s ‘doom and despair’ on economy.',
        'President Barack Obama said the Republican candidates were peddling “doom and despair.”',
      ],
      { headline: true },
    );
    expect(speakerOf(quotes, 'doom and despair')).toBe('Barack Obama');
    expect(quotes.filter((q) => q.paragraph === 0 && q.kind === 'direct')).toEqual([]);
  });

  it('still takes a headline name the article gives no other way', () => {
    const { quotes } = extractQuotes(
      ['Ana Lima wins the runoff.', '"We did it," Lima said on Sunday.'],
      { headline: true },
    );
    expect(speakerOf(quotes, 'We did it')).toBe('Ana Lima');
  });

  it('reads a title-case clause as no name: its subject is the name before its verb', () => {
    const { quotes, speakers } = extractQuotes(
      [
        '9 (More) Offensive Things Donald Trump Has Said About Latinos.',
        'Donald Trump spoke in Phoenix on Wednesday.',
        'He said “The Hispanics” and swears Latinos love him.',
        'Selenis Leyva Got Real About Being Called “A Real Woman.”',
        'The actress Theresa May said it was “a backhanded compliment,” and Edward Said agreed.',
      ],
      { headline: true },
    );
    expect(speakers.map((s) => s.name)).not.toContain(
      'Offensive Things Donald Trump Has Said About Latinos',
    );
    expect(speakerOf(quotes, 'The Hispanics')).toBe('Donald Trump');
    expect(speakerOf(quotes, 'A Real Woman')).toBe('Selenis Leyva');
    expect(speakerOf(quotes, 'a backhanded compliment')).toBe('Theresa May');
  });
});

describe('a translation after a language’s name', () => {
  it('is the writer’s gloss, not speech', () => {
    const q = quotesOf(
      'Freddy Trump boarded the ship as his friends jeered, ‘Do svidaniya!’ - Russian for ‘goodbye.’',
      'The name ‘Brujas’ -- Spanish for ‘witches’ -- comes from a 1986 video.',
      '“We will win,” said Maria, who speaks Spanish. Zimmerman wrote “Si Vis Pacem Para Bellum,” Latin for “if you wish peace, prepare for war.”',
    );
    const quoted = q.map((x) => x.quote.replace(/[.,]$/, ''));
    expect(quoted).not.toContain('goodbye');
    expect(quoted).not.toContain('witches');
    expect(quoted).not.toContain('if you wish peace, prepare for war');
    expect(speakerOf(q, 'We will win')).toBe('Maria');
  });
});

describe('a quotation before a role in a show and a name', () => {
  it('is the show, not what the person said', () => {
    const q = quotesOf(
      'Selenis Leyva spoke on Monday. “I am proud,” Leyva said.',
      '“Orange is the New Black” star Selenis Leyva opened up about her childhood.',
      '“We will be back after the break,” host Trevor Noah said.',
    );
    expect(speakerOf(q, 'Orange is the New Black')).toBeUndefined();
    expect(speakerOf(q, 'We will be back')).toBe('Trevor Noah');
  });
});

describe('people described right after a quotation, then any past-tense verb', () => {
  it('say it, as a name or a pronoun there does', () => {
    const q = quotesOf(
      'Clinton asked the rally whether they would give up. “Nooooo!” the crowd cried out, booing.',
      '"Governor Hassan, let me help you out," the Republican vice-presidential nominee riffed.',
      '"Hawaii Five-0," the 1960s procedural that CBS revived in 2010, is popular again.',
    );
    expect(speakerOf(q, 'Nooooo!')).toBe('the crowd');
    expect(speakerOf(q, 'Governor Hassan')).toBe('the Republican vice-presidential nominee');
    expect(speakerOf(q, 'Hawaii Five-0')).toBeUndefined();
  });
});

describe('a role before a name', () => {
  it('is no part of the name, capitalised or after "of"', () => {
    const q = quotesOf(
      '“I was never told,” said Actor Clint Howard.',
      '“We are here,” said Pastor Kevin Swanson.',
      'Officials, including then-Secretary of State Hillary Clinton, were briefed. “So much of this has been wrong,” said Clinton.',
      'The hacker described the server of former Secretary of State Hillary Clinton as “like an open orchid.”',
    );
    expect(speakerOf(q, 'I was never told')).toBe('Clint Howard');
    expect(speakerOf(q, 'We are here')).toBe('Kevin Swanson');
    expect(speakerOf(q, 'So much of this')).toBe('Hillary Clinton');
    expect(q.map((x) => x.speaker)).not.toContain('State Hillary Clinton');
  });
});

describe('a possessor before a surname', () => {
  it('is the person’s employer, not part of a longer name', () => {
    const q = quotesOf(
      '“Yes, I support Ted Cruz,” Brent Bozell, founder of the Media Research Center, said.',
      'Media Research Center’s Bozell agrees that Cruz is the best candidate.',
      '“There are two big differences,” Bozell says.',
    );
    expect(speakerOf(q, 'There are two big differences')).toBe('Brent Bozell');
    expect(speakerOf(q, 'Cruz is the best')).toBe('Brent Bozell');
  });
});

describe('a common word opening a sentence before a surname', () => {
  it('is no first name: the surname is the person the article names', () => {
    const q = quotesOf(
      'Roger Stone, a longtime adviser, spoke to Breitbart News on Monday.',
      'Continued Stone: “So I think it’s a very real problem.”',
      'Without Bloomberg in the mix, the race was tied.',
      'Michael Bloomberg spoke in New York. Bloomberg called the tone “an outrage.”',
    );
    expect(speakerOf(q, 'So I think')).toBe('Roger Stone');
    expect(speakerOf(q, 'an outrage')).toBe('Michael Bloomberg');
  });

  it('keeps a first name that is also a common word: Bill, Mark, Will', () => {
    const q = quotesOf(
      'Hillary Clinton said she would win the nomination.',
      'Bill Clinton said the economy was stronger in the 1990s. The bill passed in 1996.',
      'Will Hurd said the wall was a bad idea. Will it pass? Hurd said it will not.',
    );
    expect(speakerOf(q, 'the economy was stronger')).toBe('Bill Clinton');
    expect(speakerOf(q, 'it will not')).toBe('Will Hurd');
  });

  it('takes a full name only a speaker’s phrase gave for the surname said later', () => {
    const q = quotesOf(
      '“We need help,” said Atlantic City Mayor Don Guardian in a telephone interview.',
      '“The Taj is having some difficult times now,” Guardian said.',
    );
    expect(speakerOf(q, 'The Taj')).toBe('Don Guardian');
  });

  it('takes a first name ending in "-ly" for one, an adverb for none', () => {
    const q = quotesOf(
      'Carly Fiorina campaigned in Iowa. “We will win,” Fiorina said. Later, she said it was “fine.”',
      'Frank Fiorina, her husband, sat nearby.',
      'Finally Trump spoke. “It is over,” Trump said.',
    );
    expect(speakerOf(q, 'We will win')).toBe('Carly Fiorina');
    expect(speakerOf(q, 'It is over')).toBe('Trump');
  });
});

describe('names and titles a review found misread', () => {
  it('keeps adverbs out of first names and names out of auxiliaries', () => {
    const q = quotesOf(
      'Frankly Trump does not care about the rules. “We will win,” Trump said.',
      '“We will not be silenced,” said journalist Can Dundar.',
      'Asked about Brexit, said Theresa May: “Brexit means Brexit.”',
    );
    expect(speakerOf(q, 'We will win')).toBe('Trump');
    expect(speakerOf(q, 'We will not be silenced')).toBe('Can Dundar');
    expect(q.filter((x) => x.quote.includes('Brexit means')).map((x) => x.speaker)).toEqual([
      'Theresa May',
    ]);
  });

  it('keeps role words that open names of people and organisations', () => {
    const q = quotesOf(
      'Rep. Ed Pastor of Arizona said the bill was flawed.',
      'St. Jude Children’s Hospital said the patient was stable.',
    );
    expect(speakerOf(q, 'the bill was flawed')).toBe('Ed Pastor of Arizona');
    expect(speakerOf(q, 'the patient was stable')).toBe('St Jude Children Hospital');
  });

  it('reads no speech into a title after a verb or a scare quote before a clause', () => {
    const q = quotesOf(
      'Donald Trump praised “The Apprentice” as a ratings hit.',
      'Sessions has long opposed the “amnesty bill” the senators passed in 2013.',
      'Clinton sent a letter to the committee which said she had done nothing wrong.',
    );
    expect(speakerOf(q, 'The Apprentice')).toBeUndefined();
    expect(speakerOf(q, 'amnesty bill')).not.toBe('the senators');
    expect(speakerOf(q, 'she had done nothing wrong')).toBe('Clinton');
  });
});

describe('what a second review found misread', () => {
  it('keeps months and titled-only full names from taking other people’s quotes', () => {
    const q = quotesOf(
      'House Speaker Paul Ryan spoke on Monday.',
      'April Ryan said the answer was not good enough.',
      'Donald Trump held a rally in Florida.',
      '“He has been a good neighbor,” said a Palm Beach Trump neighbor.',
      'Trump said he would win Florida.',
      'Obama’s Attorney General Loretta Lynch spoke Monday. “We will investigate,” Lynch said.',
    );
    expect(speakerOf(q, 'the answer was not good enough')).toBe('April Ryan');
    expect(speakerOf(q, 'he would win Florida')).toBe('Donald Trump');
    expect(speakerOf(q, 'We will investigate')).toBe('Loretta Lynch');
  });

  it('reads speech after "tweeted," and "in Spanish for", and an ad that said', () => {
    const q = quotesOf(
      'Hillary Clinton spoke in Ohio. Clinton tweeted, “Love Trumps Hate.”',
      'Jorge Ramos asked in Spanish for “respect for our community,” and the crowd cheered.',
      'The campaign released an ad which said Clinton would raise taxes.',
    );
    expect(speakerOf(q, 'Love Trumps Hate')).toBe('Hillary Clinton');
    expect(speakerOf(q, 'respect for our community')).toBe('Jorge Ramos');
    expect(speakerOf(q, 'Clinton would raise taxes')).toBe('an ad');
  });
});

describe('a quotation in title case right after a speech verb', () => {
  it('is speech, unless the verb names a work or the one addressed', () => {
    const q = quotesOf(
      'Hillary Clinton won five states. She declared “What a Super Tuesday!” at a rally in Miami.',
      'Crowds outside were chanting “Dump Trump” as he spoke.',
      'J.M. Barrie wrote “Peter Pan” in 1904, and Carly Fiorina told “Fox and Friends” she would run.',
    );
    expect(speakerOf(q, 'What a Super Tuesday')).toBe('Hillary Clinton');
    expect(q.map((x) => x.quote)).toContain('Dump Trump');
    expect(speakerOf(q, 'Peter Pan')).toBeUndefined();
    const message = quotesOf(
      'Donald Trump posted a message on Twitter reading “Thank you Georgia” moments after polls closed.',
    );
    expect(speakerOf(message, 'Thank you Georgia')).toBe('Donald Trump');
    expect(speakerOf(q, 'Fox and Friends')).toBeUndefined();
  });
});

describe('a time before the subject', () => {
  it('is never the speaker: the subject after it is', () => {
    const q = quotesOf(
      'Last week, the senator told reporters that “the plan will fail.”',
      'On Monday, German police said there were 906 attacks last year.',
    );
    expect(speakerOf(q, 'the plan will fail')).toBe('the senator');
    expect(speakerOf(q, 'there were 906 attacks')).toBe('German police');
  });
});

describe('a common word that opens a sentence is no name', () => {
  it('looks past it to the subject or the name that says it', () => {
    const q = quotesOf(
      'The late governor was remembered.',
      'Late on Monday, the company said the report was inaccurate.',
      'Rather, sources close to her campaign said she stands fully behind the president.',
      'Less than a third agreed that Britain would have to wait its turn.',
      'We did not know the current plan. Current and former officials said the organization had become a shell of itself.',
    );
    expect(speakerOf(q, 'the report was inaccurate')).toBe('the company');
    expect(speakerOf(q, 'she stands fully behind')).toBe('sources close to her campaign');
    expect(speakerOf(q, 'Britain would have to wait')).toBe('Less than a third');
    const later = quotesOf(
      'Minutes later, the Trump campaign issued a statement saying that Trump meant people who support the Second Amendment would vote together.',
    );
    expect(speakerOf(later, 'Trump meant people')).toBe('the Trump campaign');
    expect(speakerOf(q, 'the organization had become')).toBe('Current and former officials');
  });

  it('keeps the quotation inside what the subject after the comma is reported to say', () => {
    const q = quotesOf(
      'Late on Monday, the company said the report was "inaccurate and deliberately misleading."',
    );
    expect(q.find((x) => x.kind === 'direct')?.speaker).toBe('the company');
  });

  it('keeps a surname that is also a word when the article capitalises it inside a sentence', () => {
    const q = quotesOf(
      'The book by Mr. Hurt sold well.',
      'Hurt said that "nobody will want to read about Donald Trump."',
      'The French minister, Ségolène Royal, spoke on Monday. Royal said the agreement "might be signed and ratified by the time anybody is elected."',
    );
    expect(speakerOf(q, 'nobody will want')).toBe('Hurt');
    expect(speakerOf(q, 'might be signed')).toBe('Ségolène Royal');
  });

  it('keeps a surname or an outlet named after a quotation or before its speech verb', () => {
    const q = quotesOf(
      'Page said the campaign had not contacted him.',
      '"I never met them," Page said. The page was blank.',
      'Will wrote that the party had lost its way. "The party is lost," Will wrote.',
      '"The meeting happened," Time reported. It was time.',
      'Lane said: "We will appeal." The lane was closed.',
    );
    expect(speakerOf(q, 'I never met them')).toBe('Page');
    expect(speakerOf(q, 'The party is lost')).toBe('Will');
    expect(speakerOf(q, 'The meeting happened')).toBe('Time');
    expect(speakerOf(q, 'We will appeal')).toBe('Lane');
  });

  it('keeps plural nouns, which are speakers in lower case too, and a title-case headline', () => {
    const q = quotesOf(
      'Officials said the plan would fail, and the officials were right.',
      'Organizers said they did not know how many people would come.',
    );
    expect(speakerOf(q, 'the plan would fail')).toBe('Officials');
    expect(speakerOf(q, 'they did not know')).toBe('Organizers');
    const { quotes } = extractQuotes([
      'Newspaper Says Clinton Needs To Quit Political Calculations, Show Compassion For Louisiana.',
      'A Baton Rouge newspaper called on Hillary Clinton to visit.',
    ]);
    expect(speakerOf(quotes, 'Clinton Needs To Quit')).toBe('Newspaper');
  });

  it('reads "they’re", "he’s" and "she’s" as the pronoun', () => {
    expect(speakerPhrase('They’re')).toEqual({ kind: 'pronoun', pronoun: 'they' });
    expect(speakerPhrase('he’s')).toEqual({ kind: 'pronoun', pronoun: 'he' });
    expect(speakerPhrase("She's")).toEqual({ kind: 'pronoun', pronoun: 'she' });
    expect(speakerPhrase('he’re')).toBeUndefined();
  });
});

describe('a relative clause in the subject', () => {
  it('gives the people it describes, never the name inside the clause', () => {
    const q = quotesOf(
      'A woman who worked for Sanders said he was kind to his staff.',
      'Supporters who have heard directly from the Rubio campaign say their priority is to finish ahead of Christie.',
      'Though executives who have worked with Lachlan Murdoch say they assume he shares his father’s views.',
    );
    expect(speakerOf(q, 'he was kind')).toBe('a woman who worked for Sanders');
    expect(speakerOf(q, 'their priority')).toBe('Supporters');
    expect(speakerOf(q, 'they assume')).toBe('executives');
  });

  it('reads a name the clause’s verb governs as inside the clause, before any other reading', () => {
    const q = quotesOf(
      'Two officials who met Trump said he was engaged.',
      'FBI agents who interviewed Clinton said the server was a mess.',
      'Republicans who backed Rubio said they were heartbroken.',
    );
    expect(speakerOf(q, 'he was engaged')).toBe('Two officials who met Trump');
    expect(speakerOf(q, 'the server was a mess')).toBe('FBI agents who interviewed Clinton');
    expect(speakerOf(q, 'they were heartbroken')).toBe('Republicans who backed Rubio');
  });

  it('leaves a name, a question and a new subject after the clause alone, commas or not', () => {
    const q = quotesOf(
      'Trump who won the primary said he was proud.',
      'Asked who would win Smith said it was close.',
      'When reporters who covered the event asked about the plan Ryan said it was great.',
      'Current and former officials who spoke with The Huffington Post said the party is a shell.',
    );
    expect(speakerOf(q, 'he was proud')).toBe('Trump');
    expect(speakerOf(q, 'it was close')).toBe('Smith');
    expect(speakerOf(q, 'it was great')).toBe('Ryan');
    expect(speakerOf(q, 'the party is a shell')).toBe(
      'Current and former officials who spoke with The Huffington Post',
    );
  });

  it('leaves a named person with an apposition alone', () => {
    const q = quotesOf(
      'Lionel Sosa, a Texas media consultant who advised Bush, said he would not vote for Mr. Cruz.',
    );
    expect(speakerOf(q, 'he would not vote')).toBe('Lionel Sosa');
  });
});

describe('two groups as one subject at the start of a sentence', () => {
  it('reads a capitalised common word and a nationality or country initials as no name', () => {
    const q = quotesOf(
      'Experts and U.S. officials said they believed Russia did it.',
      'Politicians and American officials said the plan was sound.',
      'Her advisers and allies said she will spend the coming weeks on the message.',
    );
    expect(speakerOf(q, 'they believed Russia')).toBe('Experts and U.S. officials');
    expect(speakerOf(q, 'the plan was sound')).toBe('Politicians and American officials');
    expect(speakerOf(q, 'she will spend')).toBe('Her advisers and allies');
  });

  it('reads past an aside between the subject and the verb', () => {
    const q = quotesOf(
      'Cyber security experts and U.S. officials, however, said they believed Russia did it.',
    );
    expect(speakerOf(q, 'they believed Russia')).toBe('Cyber security experts and U.S. officials');
  });
});

describe('speech verbs the lexicon lacked', () => {
  it('report what follows them', () => {
    const q = quotesOf(
      'Ben Carson spoke in Iowa on Monday.',
      '“People are afraid of wasting their votes,” he surmised.',
      'Walter Hewlett sniped that Fiorina was “learning on the job.”',
      'The name implies that the group is nonpartisan.',
    );
    expect(speakerOf(q, 'People are afraid')).toBe('Ben Carson');
    expect(speakerOf(q, 'learning on the job')).toBe('Walter Hewlett');
    expect(speakerOf(q, 'the group is nonpartisan')).toBeUndefined();
  });
});

describe('a participle after the speaker’s noun', () => {
  it('is part of the description, not a verb that rules it out', () => {
    const q = quotesOf(
      '“It’s a way to participate without supporting Trump,” says a source involved in the project.',
      '“We will win,” said a lawyer based in Ohio.',
    );
    expect(speakerOf(q, 'It’s a way')).toBe('a source involved');
    expect(speakerOf(q, 'We will win')).toBe('a lawyer');
  });
});

describe('a subject ending in "which"', () => {
  it('is the noun phrase "which" stands for, not the clause before it', () => {
    const q = quotesOf(
      'The council voted 6-1 for the resolution which said the city “condemns anti-Muslim speech.”',
    );
    expect(speakerOf(q, 'condemns anti-Muslim speech')).toBe('the resolution');
    expect(speakerOf(q, 'the city')).toBe('the resolution');
  });
});

describe('a phrase after the verb', () => {
  it('is no inverted subject when a verb follows it: it opens what was said', () => {
    const q = quotesOf(
      'Sam Solovey, a contestant on "The Apprentice," who went on to work for Trump, said his boss was "always kind."',
      'Of the three, some officials of that era, however, said the hack was "very sophisticated."',
    );
    expect(speakerOf(q, 'always kind')).toBe('Sam Solovey');
    expect(q.find((x) => x.quote.includes('very sophisticated'))?.speaker).not.toBe('the hack');
  });
});

describe('a verb whose object is whom the words are about', () => {
  it('never takes its object for an inverted subject', () => {
    const criticized = quotesOf(
      'Her tone was softer than that of her campaign’s leadership, who, on a press call Friday, criticized Sanders for stealing their data and for “misrepresenting what had occurred.”',
    );
    // Its speaker (the leadership "who" stands for) is not read yet: no speaker, not the object.
    expect(speakerOf(criticized, 'misrepresenting') ?? '').not.toMatch(/stealing|Sanders/);
    const accused = quotesOf(
      'But Bernie Sanders showed no sign of backing down, releasing a statement that, while condemning violence, accused the Democratic leadership in Nevada of using “its power to prevent a fair process.”',
    );
    expect(speakerOf(accused, 'its power')).toBe('Bernie Sanders');
  });

  it('still reports nothing after the object, as after an inverted verb', () => {
    const q = quotesOf(
      'In an article posted on the party-controlled website, the Paper, and widely circulated online, Shen Xincheng, a doctoral candidate at the Georgia Institute of Technology, urged Chinese people not to rush to judgment.',
    );
    // Shen Xincheng's if anyone's: not a name read near the object ("Technology").
    for (const x of q.filter((x) => x.quote.includes('rush to judgment')))
      expect(x.speaker).toBe('Shen Xincheng');
  });

  it('is never the nearest name a quotation with no cue goes to', () => {
    const q = extractQuotes([
      'George Zimmerman has been in and out of trouble repeatedly since his acquittal.',
      'He has also attempted to provoke his critics by selling prints of his painting, calling President Barack Obama an “ignorant baboon” and tweeting a photo.',
    ]).quotes;
    expect(speakerOf(q, 'ignorant baboon')).toBe('George Zimmerman');
    // A name a noun is called by is no object: the firm speaks of its own "psychographic" work.
    const named = quotesOf(
      'They paid $332,000 to a company called Cambridge Analytica, which specializes in building what it calls “psychographic” profiles of voters.',
    );
    expect(speakerOf(named, 'psychographic')).toBe('Cambridge Analytica');
  });

  it('reports nothing before it when it has an object', () => {
    const q = quotesOf(
      'Republicans, in a statement, blasted Obama.',
      'Later, at a rally in Iowa, Trump mocked Cruz.',
      'Representative Mike Coffman of Colorado, a Republican who faces a tough race, denounced Mr. Trump’s remarks.',
    );
    expect(q.filter((x) => x.kind === 'reported')).toEqual([]);
  });
});
