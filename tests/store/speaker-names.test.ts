import { describe, expect, it } from 'vitest';
import { aliasKeys, findPeople, type SpeakerCount } from '../../src/store/speaker-names.ts';

/** An alias index and quote counts in memory, as a store keeps them, recording each look-up. */
function speakers(counts: Record<string, number>) {
  const byAlias = new Map<string, string[]>();
  const rows: SpeakerCount[] = [];
  for (const [speaker, quotes] of Object.entries(counts)) {
    const key = aliasKeys(speaker)[0]!;
    rows.push({ key, speaker, quotes });
    for (const alias of aliasKeys(speaker))
      byAlias.set(alias, [...(byAlias.get(alias) ?? []), key]);
  }
  const looked: string[] = [];
  return {
    looked,
    keysFor: async (alias: string) => {
      looked.push(alias);
      return byAlias.get(alias) ?? [];
    },
    countsFor: async (keys: readonly string[]) => rows.filter((r) => keys.includes(r.key)),
  };
}

describe('findPeople', () => {
  const store = () =>
    speakers({
      'Donald Trump': 50,
      'Eric Trump': 4,
      Trump: 20,
      'Trump adviser': 3,
      'a longtime adviser to Trump': 2,
      'Aides to Trump': 1,
      'senior adviser': 7,
      'Jeb Bush': 9,
      'Ted Cruz': 8,
      'Ana Cruz': 1,
      'Recep Tayyip Erdogan': 5,
      Erdogan: 2,
    });

  it('groups a surname typed alone from its own speakers, not from every surname matched', async () => {
    const s = store();
    const people = await findPeople('trump', s.keysFor, s.countsFor);
    expect(people.map((p) => [p.name, p.quotes])).toEqual([
      ['Donald Trump', 70],
      ['Eric Trump', 4],
    ]);
    // "Trump adviser" matched too; its surname is no reason to read every adviser.
    expect(s.looked).not.toContain('adviser');
  });

  it('keeps a person whose description outnumbers their name', async () => {
    const s = speakers({ 'Donald Trump': 2, 'a spokeswoman for Donald Trump': 3, 'Eric Trump': 4 });
    const people = await findPeople('trump', s.keysFor, s.countsFor);
    expect(people.map((p) => [p.name, p.quotes])).toEqual([
      ['Eric Trump', 4],
      ['Donald Trump', 2],
    ]);
  });

  it('still finds people by a first or middle name, reading the surnames it leads to', async () => {
    const s = store();
    const people = await findPeople('tayyip', s.keysFor, s.countsFor);
    expect(people.map((p) => [p.name, p.quotes])).toEqual([['Recep Tayyip Erdogan', 7]]);
    expect(s.looked).toContain('erdogan');
  });

  it('keeps two people of one surname apart', async () => {
    const s = store();
    expect((await findPeople('cruz', s.keysFor, s.countsFor)).map((p) => p.name)).toEqual([
      'Ted Cruz',
      'Ana Cruz',
    ]);
  });
});
