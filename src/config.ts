import { z } from 'zod';

/**
 * The contract's environment variables, validated once at start. `loadConfig(env)` takes the
 * environment as a parameter so tests pass a plain object.
 */
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

function isTimeZone(tz: string): boolean {
  // The default needs no check, and the check costs 40-70 ms at start: the first
  // Intl.DateTimeFormat loads ICU's time-zone data, which a command that formats no local time
  // (every CLI command) never needs.
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// `URL.canParse('localhost:11434')` is true (scheme "localhost:"): only http(s) is a base URL.
function isHttpUrl(v: string): boolean {
  return URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);
}

function hasCredentials(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  return u.username !== '' || u.password !== '';
}

const url = (name: string, example: string) =>
  optional.refine((v) => v === undefined || isHttpUrl(v), {
    message: `${name} must be a full URL such as ${example}`,
  });

const schema = z.object({
  NEWSBRIEF_DB: optional.default('./data/newsbrief.db'),
  DATABASE_URL: optional.refine(
    (v) => v === undefined || (URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol)),
    {
      message:
        'DATABASE_URL must be a PostgreSQL URL such as postgres://newsbrief:secret@localhost:5432/newsbrief (unset it to use the SQLite file NEWSBRIEF_DB)',
    },
  ),
  NEWSBRIEF_ARTICLES: optional,
  NEWSBRIEF_FEEDS: optional
    .refine(
      (v) => v === undefined || v.split(',').every((u) => u.trim() === '' || isHttpUrl(u.trim())),
      {
        message:
          'NEWSBRIEF_FEEDS must be comma-separated feed URLs, e.g. https://example.org/rss.xml',
      },
    )
    // fetch() refuses such a URL, so the feed could never be read, and the password would be
    // written wherever the URL is.
    .refine((v) => v === undefined || !v.split(',').some((u) => hasCredentials(u.trim())), {
      message:
        'NEWSBRIEF_FEEDS: a feed URL carries a user name or password (https://user:pass@…); feeds are read without logging in, so remove them from the URL',
    }),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{15,22}$/.test(v), {
    message:
      'DISCORD_APPLICATION_ID must be the numeric Application ID from the Discord Developer Portal (General Information)',
  }),
  DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{15,22}$/.test(v), {
    message:
      'DISCORD_GUILD_ID must be a numeric server id (Discord: right-click the server, Copy Server ID)',
  }),
  DISCORD_API_URL: url('DISCORD_API_URL', 'https://discord.com/api'),
  DISCORD_SHARDS: optional.refine((v) => v === undefined || /^\d+( *, *\d+)*$/.test(v), {
    message: 'DISCORD_SHARDS must be the shard ids this process serves, comma-separated, e.g. 0,1',
  }),
  DISCORD_SHARD_COUNT: optional.refine((v) => v === undefined || /^0*[1-9]\d{0,4}$/.test(v), {
    message:
      'DISCORD_SHARD_COUNT must be the total number of shards across all processes, a whole number from 1, e.g. 4',
  }),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), {
    message:
      'SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-…) from OAuth & Permissions in your Slack app',
  }),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), {
    message:
      'SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write, from Basic Information > App-Level Tokens',
  }),
  SLACK_API_URL: url('SLACK_API_URL', 'https://slack.com/api/'),
  // Unset: no HTTP server, except Slack's HTTP mode, which listens on 3000.
  PORT: optional
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535), {
      message: 'PORT must be a TCP port number between 0 and 65535, e.g. 3000',
    })
    .transform((v) => (v === undefined ? undefined : Number(v))),
  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: url('OPENAI_BASE_URL', 'http://localhost:11434/v1'),
  OPENAI_MODEL: optional.default('gpt-4o-mini'),
  NEWSBRIEF_TZ: optional.default('UTC').refine((v) => isTimeZone(v), {
    message: 'NEWSBRIEF_TZ must be an IANA timezone name such as Europe/Istanbul or UTC',
  }),
  LOG_LEVEL: optional.default('info').pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
});

/** Which Discord shards this process serves, from DISCORD_SHARDS and DISCORD_SHARD_COUNT. */
export interface DiscordShards {
  /** Shard ids served here; undefined: all `count` of them. */
  readonly ids?: readonly number[];
  /** Shards across all processes. */
  readonly count: number;
}

export type Config = Readonly<z.output<typeof schema>> & {
  readonly feeds: readonly string[];
  /** Undefined when neither variable is set: one process serves the one shard. */
  readonly discordShards?: DiscordShards;
  /** True when an OpenAI-compatible LLM is configured. */
  readonly llm: boolean;
};

/** Raised when the environment is invalid; its message lists every problem and its fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The shards of a well-formed DISCORD_SHARDS and DISCORD_SHARD_COUNT; problems go to `problems`. */
function shardsOf(
  list: string | undefined,
  total: string | undefined,
  problems: string[],
): DiscordShards | undefined {
  if (total === undefined) {
    if (list !== undefined) {
      problems.push(
        '- DISCORD_SHARD_COUNT is required with DISCORD_SHARDS: the total number of shards across all processes (e.g. DISCORD_SHARDS=0,1 and DISCORD_SHARD_COUNT=4 here, DISCORD_SHARDS=2,3 in a second process)',
      );
    }
    return undefined;
  }
  const count = Number(total);
  if (list === undefined) return Object.freeze({ count });
  const ids = list.split(',').map((id) => Number(id.trim()));
  const beyond = ids.filter((id) => id >= count);
  if (beyond.length > 0) {
    problems.push(
      `- DISCORD_SHARDS has shard ${beyond.join(', ')}, but with DISCORD_SHARD_COUNT=${count} shard ids run from 0 to ${count - 1}`,
    );
  }
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`- DISCORD_SHARDS lists shard ${twice.join(', ')} twice`);
  return Object.freeze({ ids: Object.freeze(ids), count });
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const variable = String(i.path[0] ?? '');
      return i.message.startsWith(variable) ? `- ${i.message}` : `- ${variable}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    problems.push(
      '- SLACK_SIGNING_SECRET is required for Slack over HTTP (find it under Basic Information > App Credentials), or set SLACK_APP_TOKEN for Socket Mode',
    );
  }
  if ((c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET) && !c.SLACK_BOT_TOKEN) {
    problems.push(
      '- SLACK_BOT_TOKEN is required when Slack is configured (OAuth & Permissions > Bot User OAuth Token)',
    );
  }
  const discordShards = shardsOf(c.DISCORD_SHARDS, c.DISCORD_SHARD_COUNT, problems);
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration (see .env.example):\n${problems.join('\n')}`);
  }
  const feeds = (c.NEWSBRIEF_FEEDS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  return Object.freeze({
    ...c,
    feeds: Object.freeze(feeds),
    ...(discordShards ? { discordShards } : {}),
    llm: Boolean(c.OPENAI_API_KEY || c.OPENAI_BASE_URL),
  });
}
