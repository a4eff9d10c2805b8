import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  createSlackAdapter,
  slackOptionsFromConfig,
} from '../../../src/adapters/slack/slack-adapter.ts';
import { loadConfig } from '../../../src/config.ts';
import { testCore } from './fixtures.ts';

describe('slackOptionsFromConfig', () => {
  it('is undefined when Slack is not configured', () => {
    expect(slackOptionsFromConfig(loadConfig({}))).toBeUndefined();
  });

  it('takes HTTP mode settings from the environment', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_API_URL: 'https://slack.example.gov/api/',
      PORT: '4000',
    });
    expect(slackOptionsFromConfig(config)).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'shh',
      appToken: undefined,
      apiUrl: 'https://slack.example.gov/api/',
      port: 4000,
    });
  });

  it('chooses Socket Mode when an app token is set', () => {
    const options = slackOptionsFromConfig(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }),
    );
    expect(options?.appToken).toBe('xapp-1');
    expect(options?.port).toBe(3000);
  });
});

describe('createSlackAdapter', () => {
  const core = testCore();
  const base = {
    registry: core.registry,
    dispatch: core.dispatch,
    log: pino({ level: 'silent' }),
    port: 0,
  };

  it('refuses HTTP mode without a signing secret, saying where to find it', () => {
    expect(() => createSlackAdapter({ ...base, botToken: 'xoxb-1' })).toThrow(/signingSecret/);
  });

  it('can be stopped when it never started', async () => {
    const adapter = createSlackAdapter({ ...base, botToken: 'xoxb-1', signingSecret: 's' });
    await expect(adapter.stop()).resolves.toBeUndefined();
    expect(adapter.platform).toBe('slack');
    expect(adapter.port).toBeUndefined();
  });
});
