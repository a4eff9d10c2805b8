import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_REQUEST_URL, slackManifest } from '../../../src/adapters/slack/manifest.ts';
import { testCore } from './fixtures.ts';

interface Manifest {
  features: {
    slash_commands: {
      command: string;
      description: string;
      usage_hint?: string;
      url?: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean };
}

describe('slackManifest', () => {
  const { registry } = testCore();

  it('declares every command with its description and usage hint, for HTTP mode', () => {
    const manifest = slackManifest(registry.commands, {
      requestUrl: 'https://bot.example/slack/events',
    }) as Manifest;
    expect(manifest.features.slash_commands).toEqual([
      {
        command: '/brief',
        description: 'A briefing on a topic, with cited points and quotes.',
        usage_hint: '<topic…>',
        should_escape: false,
        url: 'https://bot.example/slack/events',
      },
      {
        command: '/slow',
        description: 'Waits for the test to let it finish, like a slow store query.',
        should_escape: false,
        url: 'https://bot.example/slack/events',
      },
      {
        command: '/long',
        description: 'A reply of many parts.',
        usage_hint: '<count>',
        should_escape: false,
        url: 'https://bot.example/slack/events',
      },
      {
        command: '/boom',
        description: 'Always fails unexpectedly.',
        should_escape: false,
        url: 'https://bot.example/slack/events',
      },
      {
        command: '/digest',
        description: 'Scheduled digests for this channel.',
        usage_hint: 'subscribe <time> [timezone] [topics…] | list',
        should_escape: false,
        url: 'https://bot.example/slack/events',
      },
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'channels:history',
      'groups:history',
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('turns Socket Mode on and drops request URLs, which Socket Mode does not use', () => {
    const manifest = slackManifest(registry.commands, { socketMode: true }) as Manifest;
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('uses a visible placeholder when HTTP mode has no request URL yet', () => {
    const manifest = slackManifest(registry.commands) as Manifest;
    expect(manifest.features.slash_commands[0]?.url).toBe(PLACEHOLDER_REQUEST_URL);
  });

  it('is plain JSON', () => {
    const manifest = slackManifest(registry.commands);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });
});
