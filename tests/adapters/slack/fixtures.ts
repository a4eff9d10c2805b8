import pino, { type Logger } from 'pino';
import type { Briefer } from '../../../src/briefing/briefing.ts';
import { loadConfig } from '../../../src/config.ts';
import type { Args, CommandContext, CommandDef } from '../../../src/core/command.ts';
import { createDispatch, type Dispatch } from '../../../src/core/dispatch.ts';
import { UserError } from '../../../src/core/errors.ts';
import { Registry } from '../../../src/core/registry.ts';
import { type Reply, textReply } from '../../../src/core/reply.ts';
import type { Services } from '../../../src/core/services.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../src/store/store.ts';

/** What the test commands saw, so tests can assert on arguments and timing. */
export interface Seen {
  runs: {
    command: string;
    args: Record<string, string | undefined>;
    channelId: string;
    userId: string;
    workspaceId?: string;
    at: number;
  }[];
}

/** Promises the `slow` command waits for; tests replace them to hold a command mid-work. */
export interface Gates {
  slow: Promise<void>;
}

/** A briefing reply with hostile article text: mentions, links and formatting that must not work. */
export function briefReply(topic: string): Reply {
  return {
    title: `Briefing: ${topic}`,
    blocks: [
      { type: 'heading', text: 'Key points' },
      {
        type: 'list',
        items: [
          { text: 'Shelling resumed near Idlib <!channel> & <@U123>', cites: [1] },
          { text: 'Talks moved to *Ankara*', cites: [1, 2] },
        ],
      },
      {
        type: 'quote',
        speaker: 'Recep Tayyip Erdogan',
        role: 'Turkish President',
        text: 'We will not allow <!here> provocations',
        kind: 'direct',
        cite: 1,
      },
      {
        type: 'sources',
        items: [
          {
            n: 1,
            articleId: 'a1',
            title: 'Idlib & the <truce>',
            outlet: 'Reuters',
            url: 'https://news.example/a?x=1&y=2',
          },
          { n: 2, articleId: 'a2', title: 'Ankara talks', published: '2019-02-14T10:00:00Z' },
        ],
      },
    ],
  };
}

/** A small registry of test commands that behave like the real ones, without a store. */
export function testCommands(seen: Seen, gates: Gates): CommandDef[] {
  const record = (command: string) => (ctx: CommandContext, args: Args) => {
    seen.runs.push({
      command,
      args: { ...args },
      channelId: ctx.invocation.channelId,
      userId: ctx.invocation.userId,
      workspaceId: ctx.invocation.workspaceId,
      at: performance.now(),
    });
  };
  return [
    {
      name: 'brief',
      description: 'A briefing on a topic, with cited points and quotes.',
      options: [{ name: 'topic', description: 'what to brief on', required: true, rest: true }],
      async run(ctx, args) {
        record('brief')(ctx, args);
        if (args.topic === 'nothing')
          throw new UserError(`No articles mention "${args.topic}" yet.`);
        return briefReply(args.topic ?? '');
      },
    },
    {
      name: 'slow',
      description: 'Waits for the test to let it finish, like a slow store query.',
      async run(ctx, args) {
        record('slow')(ctx, args);
        await gates.slow;
        return textReply('done at last');
      },
    },
    {
      name: 'long',
      description: 'A reply of many parts.',
      options: [{ name: 'count', description: 'how many text blocks', required: true }],
      async run(ctx, args) {
        record('long')(ctx, args);
        const count = Number(args.count);
        return {
          title: 'Long',
          blocks: Array.from({ length: count }, (_, i) => ({
            type: 'text' as const,
            text: `part ${i}`,
          })),
        };
      },
    },
    {
      name: 'boom',
      description: 'Always fails unexpectedly.',
      async run() {
        throw new Error('database on fire');
      },
    },
    {
      name: 'digest',
      description: 'Scheduled digests for this channel.',
      subcommands: [
        {
          name: 'subscribe',
          description: 'Subscribe this channel',
          options: [
            { name: 'time', description: 'HH:MM', required: true },
            { name: 'timezone', description: 'IANA timezone' },
            { name: 'topics', description: 'topics', rest: true },
          ],
          async run(ctx, args) {
            record('digest subscribe')(ctx, args);
            return textReply(
              `Subscribed at ${args.time} ${args.timezone ?? 'UTC'}: ${args.topics ?? 'everything'}`,
            );
          },
        },
        {
          name: 'list',
          description: 'List subscriptions',
          async run(ctx, args) {
            record('digest list')(ctx, args);
            return { ...textReply('No subscriptions.'), ephemeral: true };
          },
        },
      ],
    },
  ];
}

function fakeStore(): Store {
  return new SqliteStore(':memory:');
}

function fakeBriefer(): Briefer {
  const empty = async (topic: string) => ({
    topic,
    points: [],
    numbers: [],
    quotes: [],
    sources: [],
    summarizer: 'extractive' as const,
  });
  return { brief: empty, ask: empty };
}

/** A real registry and dispatch over the test commands and plain fake services. */
export function testCore(options: { log?: Logger } = {}): {
  registry: Registry;
  dispatch: Dispatch;
  seen: Seen;
  gates: Gates;
  log: Logger;
} {
  const seen: Seen = { runs: [] };
  const gates: Gates = { slow: Promise.resolve() };
  const log = options.log ?? pino({ level: 'silent' });
  const registry = new Registry(testCommands(seen, gates));
  const services: Services = {
    config: loadConfig({}),
    store: fakeStore(),
    briefer: fakeBriefer(),
    commands: registry.commands,
    clock: () => new Date('2024-01-01T08:00:00Z'),
    log,
  };
  return { registry, dispatch: createDispatch(registry, services), seen, gates, log };
}
