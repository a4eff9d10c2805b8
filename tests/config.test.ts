import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has the defaults with an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      NEWSBRIEF_DB: './data/newsbrief.db',
      NEWSBRIEF_TZ: 'UTC',
      LOG_LEVEL: 'info',
      OPENAI_MODEL: 'gpt-4o-mini',
      feeds: [],
      llm: false,
    });
    expect(c.NEWSBRIEF_ARTICLES).toBeUndefined();
    expect(c.DISCORD_TOKEN).toBeUndefined();
    // No PORT, no HTTP server (Slack's HTTP mode picks 3000 itself).
    expect(c.PORT).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('treats blank values as unset', () => {
    const c = loadConfig({ PORT: '', NEWSBRIEF_TZ: '  ', SLACK_BOT_TOKEN: '' });
    expect(c).toMatchObject({ NEWSBRIEF_TZ: 'UTC' });
    expect(c.PORT).toBeUndefined();
    expect(c.SLACK_BOT_TOKEN).toBeUndefined();
  });

  it('reads good values', () => {
    const c = loadConfig({
      NEWSBRIEF_FEEDS: 'https://a.example/rss, https://b.example/atom.xml,',
      PORT: '8080',
      NEWSBRIEF_TZ: 'Europe/Istanbul',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DISCORD_APPLICATION_ID: '123456789012345678',
    });
    expect(c.feeds).toEqual(['https://a.example/rss', 'https://b.example/atom.xml']);
    expect(c.PORT).toBe(8080);
    expect(c.llm).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a TCP port number/],
    [{ PORT: '70000' }, /PORT must be a TCP port number/],
    [
      { NEWSBRIEF_TZ: 'Mars/Olympus' },
      /NEWSBRIEF_TZ must be an IANA timezone name such as Europe\/Istanbul/,
    ],
    [
      { LOG_LEVEL: 'loud' },
      /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/,
    ],
    [{ NEWSBRIEF_FEEDS: 'not a url' }, /NEWSBRIEF_FEEDS must be comma-separated feed URLs/],
    [{ NEWSBRIEF_FEEDS: 'https://ok.example/rss,example.org:8080/rss' }, /NEWSBRIEF_FEEDS must be/],
    [
      { DISCORD_APPLICATION_ID: 'abc' },
      /DISCORD_APPLICATION_ID must be the numeric Application ID from the Discord Developer Portal/,
    ],
    [{ DISCORD_GUILD_ID: '12' }, /DISCORD_GUILD_ID must be a numeric server id/],
    [{ DISCORD_API_URL: 'discord' }, /DISCORD_API_URL must be a full URL such as/],
    [{ SLACK_API_URL: '/api' }, /SLACK_API_URL must be a full URL such as/],
    [
      { OPENAI_BASE_URL: 'localhost:11434' },
      /OPENAI_BASE_URL must be a full URL such as http:\/\/localhost:11434\/v1/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user' },
      /SLACK_BOT_TOKEN must be the Bot User OAuth Token \(xoxb-…\)/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' },
      /SLACK_APP_TOKEN must be an app-level token \(xapp-…\)/,
    ],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      /SLACK_SIGNING_SECRET is required for Slack over HTTP.*or set SLACK_APP_TOKEN/,
    ],
    [{ SLACK_SIGNING_SECRET: 'shh' }, /SLACK_BOT_TOKEN is required when Slack is configured/],
    [{ DISCORD_SHARDS: '0-1', DISCORD_SHARD_COUNT: '4' }, /DISCORD_SHARDS must be .* e\.g\. 0,1/],
    [{ DISCORD_SHARD_COUNT: '0' }, /DISCORD_SHARD_COUNT must be the total number of shards/],
    [{ DISCORD_SHARD_COUNT: 'four' }, /DISCORD_SHARD_COUNT must be the total number of shards/],
    [{ DISCORD_SHARDS: '0,1' }, /DISCORD_SHARD_COUNT is required with DISCORD_SHARDS/],
    [
      { DISCORD_SHARDS: '2,4,5', DISCORD_SHARD_COUNT: '4' },
      /DISCORD_SHARDS has shard 4, 5, but with DISCORD_SHARD_COUNT=4 shard ids run from 0 to 3/,
    ],
    [{ DISCORD_SHARDS: '1,1', DISCORD_SHARD_COUNT: '4' }, /DISCORD_SHARDS lists shard 1 twice/],
  ])('names the variable and the fix: %j', (env, message) => {
    const text = problem(env as Record<string, string>);
    expect(text).toMatch(/^Invalid configuration \(see \.env\.example\):/);
    expect(text).toMatch(message);
  });

  it('reads which Discord shards this process serves', () => {
    expect(loadConfig({}).discordShards).toBeUndefined();
    expect(loadConfig({ DISCORD_SHARDS: '0, 1', DISCORD_SHARD_COUNT: '4' }).discordShards).toEqual({
      ids: [0, 1],
      count: 4,
    });
    // A count alone: this process serves all of them.
    expect(loadConfig({ DISCORD_SHARD_COUNT: '2' }).discordShards).toEqual({ count: 2 });
  });

  it('lists every problem at once, one line each', () => {
    const lines = problem({ PORT: 'x', LOG_LEVEL: 'loud', NEWSBRIEF_TZ: 'Nowhere' })
      .split('\n')
      .slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['PORT', 'NEWSBRIEF_TZ', 'LOG_LEVEL']);
  });

  it('never echoes a secret value', () => {
    expect(problem({ SLACK_BOT_TOKEN: 'xoxp-SECRET123' })).not.toContain('SECRET123');
  });
});

describe('DATABASE_URL', () => {
  it('takes a postgres:// or postgresql:// URL and refuses anything else, saying how to fix it', () => {
    for (const url of ['postgres://nb:secret@db:5432/nb', 'postgresql://localhost/nb']) {
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    for (const url of ['mysql://localhost/nb', 'localhost:5432', './data/nb.db']) {
      expect(problem({ DATABASE_URL: url })).toMatch(
        /DATABASE_URL must be a PostgreSQL URL such as postgres:\/\/.*unset it to use the SQLite file NEWSBRIEF_DB/,
      );
    }
  });
});
