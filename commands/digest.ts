import type { CommandContext, CommandDef } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { textReply } from '../src/core/reply.ts';
import { digestStatus } from '../src/schedule/digest-status.ts';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** The canonical IANA name of a timezone (case-forgiving), or undefined when there is none. */
export function canonicalTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function where(ctx: CommandContext) {
  return { platform: ctx.invocation.platform, channelId: ctx.invocation.channelId };
}

/** Parses `[timezone] [topics…]` where the timezone is optional: a first word that is one. */
function splitTimezone(first: string | undefined, rest: string | undefined, fallback: string) {
  const words = [first, ...(rest ?? '').split(/[\s,]+/)].filter((w): w is string => Boolean(w));
  const zone = words[0] && /[/]|^utc$|^gmt$/i.test(words[0]) ? words[0] : undefined;
  if (zone) {
    const canonical = canonicalTimeZone(zone);
    if (!canonical) {
      throw new UserError(
        `Unknown timezone "${zone.slice(0, 60)}". Use an IANA name, e.g. Europe/Istanbul, America/New_York or UTC.`,
        '/digest subscribe 08:00 Europe/Istanbul idlib',
      );
    }
    return { timezone: canonical, topics: words.slice(1) };
  }
  return { timezone: fallback, topics: words };
}

/** `/digest subscribe|list|unsubscribe|now`: a channel's scheduled digest. */
export const digest: CommandDef = {
  name: 'digest',
  description: "This channel's scheduled digest",
  subcommands: [
    {
      name: 'subscribe',
      description:
        'Post a digest here every day at HH:MM (24-hour) in a timezone, on some topics or all',
      options: [
        { name: 'time', description: 'HH:MM, 24-hour, e.g. 08:00', required: true, maxLength: 5 },
        {
          name: 'timezone',
          description: 'IANA timezone, e.g. Europe/Istanbul (default: the bot’s)',
          maxLength: 64,
        },
        {
          name: 'topics',
          description: 'Topics, e.g. idlib syria (default: everything)',
          rest: true,
          maxLength: 300,
        },
      ],
      async run(ctx, args) {
        const m = TIME.exec(args.time ?? '');
        if (!m) {
          throw new UserError(
            `"${(args.time ?? '').slice(0, 20)}" is not a time. Use HH:MM in 24-hour form, e.g. 08:00 or 18:30.`,
            '/digest subscribe 08:00 Europe/Istanbul idlib',
          );
        }
        const time = `${m[1]?.padStart(2, '0')}:${m[2]}`;
        const { timezone, topics } = splitTimezone(
          args.timezone,
          args.topics,
          ctx.services.config.NEWSBRIEF_TZ,
        );
        if (topics.length > 10) throw new UserError('At most 10 topics per channel.');
        const previous = await ctx.services.store.getSubscription(
          ctx.invocation.platform,
          ctx.invocation.channelId,
        );
        await ctx.services.store.putSubscription({
          ...where(ctx),
          time,
          timezone,
          topics: topics.map((t) => t.toLowerCase()),
          createdBy: ctx.invocation.userId,
          createdAt: ctx.services.clock().toISOString(),
          lastDigestAt: previous?.lastDigestAt ?? ctx.services.clock().toISOString(),
        });
        const on = topics.length > 0 ? `on ${topics.join(', ')}` : 'on every topic';
        return textReply(
          `${previous ? 'Updated' : 'Subscribed'}: a digest here every day at ${time} (${timezone}) ${on}.`,
        );
      },
    },
    {
      name: 'list',
      description: "Show this channel's digest subscription",
      private: true,
      async run(ctx) {
        const s = await ctx.services.store.getSubscription(
          ctx.invocation.platform,
          ctx.invocation.channelId,
        );
        if (!s)
          return textReply(
            'No digest here. Subscribe with /digest subscribe 08:00 Europe/Istanbul idlib',
          );
        const items = [
          { text: `Every day at ${s.time} (${s.timezone})` },
          { text: `Topics: ${s.topics.length > 0 ? s.topics.join(', ') : 'all'}` },
          { text: `Last digest: ${s.lastDigestAt ?? 'none yet'}` },
        ];
        if (s.lastError) items.push({ text: `Last error: ${s.lastError}` });
        if (ctx.services.ledger) {
          items.push(...(await digestStatus(s, ctx.services.ledger, ctx.services.clock())));
        }
        return { title: 'Digest subscription', blocks: [{ type: 'list', items }] };
      },
    },
    {
      name: 'unsubscribe',
      description: "Stop this channel's digest",
      async run(ctx) {
        const removed = await ctx.services.store.deleteSubscription(
          ctx.invocation.platform,
          ctx.invocation.channelId,
        );
        return textReply(
          removed ? 'Unsubscribed: no more digests here.' : 'There was no digest here.',
        );
      },
    },
    {
      name: 'now',
      description: 'Post the digest of what is new since the last one, now',
      async run(ctx) {
        const s = await ctx.services.store.getSubscription(
          ctx.invocation.platform,
          ctx.invocation.channelId,
        );
        const topics = s?.topics ?? [];
        const build = ctx.services.digest;
        if (!build) throw new Error('digests are not wired (Services.digest)');
        // A preview of the next digest: it neither records a period nor moves the window.
        const since =
          s?.lastDigestAt ?? new Date(ctx.services.clock().getTime() - 86_400_000).toISOString();
        const digest = await build({
          subscription: { topics, timezone: s?.timezone ?? ctx.services.config.NEWSBRIEF_TZ },
          since,
        });
        return (
          digest.reply ??
          textReply(`Nothing new on ${topics.length > 0 ? topics.join(', ') : 'any topic'}.`)
        );
      },
    },
  ],
};
