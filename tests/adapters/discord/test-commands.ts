import pino from 'pino';
import type { Briefer } from '../../../src/briefing/briefing.ts';
import { loadConfig } from '../../../src/config.ts';
import type { CommandDef } from '../../../src/core/command.ts';
import { createDispatch, type Dispatch } from '../../../src/core/dispatch.ts';
import { Registry } from '../../../src/core/registry.ts';
import { type Reply, textReply } from '../../../src/core/reply.ts';
import type { Services } from '../../../src/core/services.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/store/store.ts';

/** A promise the test resolves when it chooses. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A reply long enough to need several Discord messages: 3 x 30 cited points, quotes, sources. */
export function longReply(): Reply {
  const point = (i: number) =>
    `Point ${i}: the convoy reached the crossing after a long delay, officials said on Tuesday, and aid groups warned that more was needed`;
  return {
    title: 'Briefing: idlib',
    blocks: [0, 1, 2].flatMap((section) => [
      { type: 'heading' as const, text: `Section ${section}` },
      {
        type: 'list' as const,
        items: Array.from({ length: 30 }, (_, i) => ({
          text: point(section * 30 + i),
          cites: [i + 1, i + 2],
        })),
      },
      {
        type: 'quote' as const,
        speaker: 'Recep Tayyip Erdogan',
        role: 'Turkish President',
        text: 'We will not allow a new wave of refugees @everyone',
        kind: 'direct' as const,
        cite: 3,
      },
      {
        type: 'sources' as const,
        items: Array.from({ length: 12 }, (_, i) => ({
          n: i + 1,
          articleId: `a${i}`,
          title: `Article ${i} <@123>`,
          outlet: 'Reuters',
          url: `https://example.org/news/${i}`,
          published: '2024-03-01T10:00:00Z',
        })),
      },
    ]),
  };
}

export interface TestBed {
  dispatch: Dispatch;
  registry: Registry;
  /** Set by `/slow` when its run starts: how many defers the fake had seen by then. */
  slowStarts: number[];
  slowGate: { promise: Promise<void>; open: () => void };
}

/**
 * A small registry of test commands and the real dispatcher over plain fake services; the real
 * commands are not needed to test the Discord front end.
 */
export function createTestBed(onSlowStart: () => number = () => 0): TestBed {
  const slowStarts: number[] = [];
  const slowGate = gate();
  const commands: CommandDef[] = [
    {
      name: 'echo',
      description: 'Says the text back',
      options: [
        { name: 'text', description: 'What to say', required: true, rest: true, maxLength: 12_000 },
      ],
      run: async (_ctx, args) => textReply(args.text ?? ''),
    },
    {
      name: 'slow',
      description: 'Waits until the test lets it finish',
      run: async () => {
        slowStarts.push(onSlowStart());
        await slowGate.promise;
        return textReply('slow work done', 'Slow');
      },
    },
    { name: 'long', description: 'A long briefing', run: async () => longReply() },
    {
      name: 'boom',
      description: 'Fails unexpectedly',
      run: async () => {
        throw new Error('kaboom');
      },
    },
    {
      name: 'digest',
      description: 'Channel digests',
      subcommands: [
        {
          name: 'subscribe',
          description: 'Subscribe this channel',
          options: [
            { name: 'time', description: 'HH:MM', required: true },
            { name: 'timezone', description: 'IANA name' },
            { name: 'topics', description: 'Topics', rest: true },
          ],
          run: async (ctx, args) =>
            textReply(
              `subscribed ${ctx.invocation.channelId} in ${ctx.invocation.workspaceId} at ${args.time} ${args.timezone ?? '-'} on ${args.topics ?? '-'}`,
            ),
        },
        {
          name: 'list',
          description: 'List subscriptions',
          private: true,
          run: async () => textReply('none yet'),
        },
      ],
    },
  ];
  const registry = new Registry(commands);
  const log = pino({ level: 'silent' });
  const store: Store = new SqliteStore(':memory:');
  const briefer: Briefer = {
    brief: async (topic) => ({
      topic,
      points: [],
      numbers: [],
      quotes: [],
      sources: [],
      summarizer: 'extractive',
    }),
    ask: async (topic) => ({
      topic,
      points: [],
      numbers: [],
      quotes: [],
      sources: [],
      summarizer: 'extractive',
    }),
  };
  const services: Services = {
    config: loadConfig({}),
    store,
    briefer,
    commands: registry.commands,
    clock: () => new Date('2024-03-01T08:00:00Z'),
    log,
  };
  return { dispatch: createDispatch(registry, services), registry, slowStarts, slowGate };
}
