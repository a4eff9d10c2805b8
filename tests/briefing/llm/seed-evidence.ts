import type { Passage, StoredQuote } from '../../../src/store/store.ts';

// Paragraphs and quotes from the seed article on the Tehran summit (shared/seeds/000_…), split
// across two "articles" so source numbering across articles is exercised.
const A = {
  articleId: 'a1',
  title: 'Illegal US interference in Syria must end, warns Rouhani',
  outlet: 'Daily Mail',
  url: 'https://example.org/rouhani',
  published: '2018-09-07T12:00:00Z',
};
const B = {
  articleId: 'b2',
  title: 'Syrians make gas masks from paper cups',
  outlet: 'AP',
  url: 'https://example.org/idlib',
  published: '2018-09-07T15:00:00Z',
};

const texts: [typeof A, number, string][] = [
  [
    A,
    2,
    'Rouhani said: "The presence and illegal interference of the United States in Syria that has led to the continuation of insecurity in that country, should end quickly."',
  ],
  [
    A,
    3,
    '"The fight against terrorism in Idlib is an inescapable part of the mission to restore peace and stability in Syria," Rouhani told the summit in Tehran.',
  ],
  [
    A,
    4,
    'Putin insisted in Damascus that "the legitimate Syrian government has a right and must eventually control all of its national territory."',
  ],
  [
    A,
    5,
    '"We never want Idlib to become a bloodbath," Erdoğan told his Iranian and Russian counterparts on Friday.',
  ],
  [
    B,
    1,
    'About three million people live in the rebel stronghold in northwestern Syria, which comprises most of the province of Idlib and small adjacent parts of the provinces of Latakia, Hama and Aleppo.',
  ],
  [
    B,
    2,
    'The UN warned that a regime attack in the region could unleash one of the worst humanitarian disasters in the seven-year war in Syria and displace 800,000 people.',
  ],
  [
    B,
    3,
    'The new US adviser to Syria, Jim Jeffrey, said on Thursday that there was "evidence that chemical weapons are being prepared."',
  ],
];

export const seedPassages: Passage[] = texts.map(([meta, paragraph, text], i) => ({
  ...meta,
  paragraph,
  text,
  score: 10 - i,
}));

function quote(
  meta: typeof A,
  paragraph: number,
  speaker: string,
  text: string,
  role?: string,
): StoredQuote {
  return {
    ...meta,
    paragraph,
    speaker,
    ...(role ? { role } : {}),
    quote: text,
    kind: 'direct',
    start: 0,
    end: text.length,
  };
}

export const seedQuotes: StoredQuote[] = [
  quote(
    A,
    2,
    'Hassan Rouhani',
    'The presence and illegal interference of the United States in Syria that has led to the continuation of insecurity in that country, should end quickly.',
    'Iranian President',
  ),
  quote(
    A,
    3,
    'Hassan Rouhani',
    'The fight against terrorism in Idlib is an inescapable part of the mission to restore peace and stability in Syria,',
    'Iranian President',
  ),
  quote(
    A,
    4,
    'Vladimir Putin',
    'the legitimate Syrian government has a right and must eventually control all of its national territory.',
  ),
  quote(
    A,
    5,
    'Recep Tayyip Erdoğan',
    'We never want Idlib to become a bloodbath,',
    'Turkish President',
  ),
  quote(B, 3, 'Jim Jeffrey', 'evidence that chemical weapons are being prepared.'),
];

/** A good model answer on the seed: every point cited, quotes verbatim. */
export const goodAnswer = {
  status: 'ok',
  points: [
    {
      text: 'Rouhani told the Tehran summit that the fight against terrorism in Idlib is part of the mission to restore peace and stability in Syria.',
      cites: [2],
    },
    {
      text: 'Putin insisted that the legitimate Syrian government must eventually control all of its national territory [3].',
      cites: [],
    },
    {
      text: 'Erdoğan told his counterparts: "We never want Idlib to become a bloodbath."',
      cites: [4],
    },
    {
      text: 'The UN warned that an attack could displace 800,000 people.',
      cites: [6],
    },
  ],
  numbers: [
    { text: 'About three million people live in the rebel stronghold', cites: [5] },
    { text: '800,000 people could be displaced', cites: [6] },
  ],
  quotes: [
    {
      speaker: 'Rouhani',
      quote:
        'The fight against terrorism in Idlib is an inescapable part of the mission to restore peace and stability in Syria',
      cite: 2,
    },
    { speaker: 'Erdogan', quote: 'We never want Idlib to become a bloodbath', cite: 4 },
  ],
};
