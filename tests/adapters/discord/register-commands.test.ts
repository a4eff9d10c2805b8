import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerDiscordCommands,
  toDiscordCommands,
} from '../../../src/adapters/discord/register-commands.ts';
import type { CommandDef } from '../../../src/core/command.ts';
import { textReply } from '../../../src/core/reply.ts';
import { FakeDiscord } from '../../fakes/fake-discord.ts';
import { createTestBed } from './test-commands.ts';

const run = async () => textReply('ok');

describe('toDiscordCommands', () => {
  it('turns options into typed string options and /digest into subcommands', () => {
    const bodies = toDiscordCommands(createTestBed().registry.commands);
    const echo = bodies.find((b) => b.name === 'echo');
    expect(echo).toEqual({
      type: ApplicationCommandType.ChatInput,
      name: 'echo',
      description: 'Says the text back',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'text',
          description: 'What to say',
          required: true,
          max_length: 6000,
        },
      ],
    });
    const digest = bodies.find((b) => b.name === 'digest');
    expect(digest?.options?.map((o) => [o.type, o.name])).toEqual([
      [ApplicationCommandOptionType.Subcommand, 'subscribe'],
      [ApplicationCommandOptionType.Subcommand, 'list'],
    ]);
    const subscribe = digest?.options?.[0];
    const subOptions = subscribe && 'options' in subscribe ? (subscribe.options ?? []) : [];
    expect(
      subOptions.map((o) => [o.name, o.required, 'max_length' in o ? o.max_length : undefined]),
    ).toEqual([
      ['time', true, 500],
      ['timezone', false, 500],
      ['topics', false, 500],
    ]);
  });

  it('puts required options first, as Discord demands, and trims descriptions to 100', () => {
    const command: CommandDef = {
      name: 'brief',
      description: `A briefing ${'very '.repeat(40)}long`,
      options: [
        { name: 'since', description: 'From when' },
        { name: 'topic', description: 'What about', required: true },
      ],
      run,
    };
    const [body] = toDiscordCommands([command]);
    expect(body?.options?.map((o) => o.name)).toEqual(['topic', 'since']);
    expect(body?.description).toHaveLength(100);
  });

  it('refuses an option name Discord would reject', () => {
    const command: CommandDef = {
      name: 'ask',
      description: 'Ask',
      options: [{ name: 'The Question', description: 'x' }],
      run,
    };
    expect(() => toDiscordCommands([command])).toThrow(/not a valid Discord name/);
  });
});

describe('registerDiscordCommands against the fake Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().listen();
  });
  afterAll(async () => {
    await fake?.close();
  });

  const commands = createTestBed().registry.commands;

  it('bulk-overwrites the guild commands with PUT when a guild is set', async () => {
    const count = await registerDiscordCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      apiUrl: fake.apiUrl,
      commands,
    });
    expect(count).toBe(commands.length);
    const [put] = fake.callsTo('PUT', /commands$/);
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put?.authorization).toBe(`Bot ${fake.token}`);
    expect(put?.body).toEqual(toDiscordCommands(commands));
  });

  it('registers globally without a guild, and rejects a bad token', async () => {
    await registerDiscordCommands({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      commands,
    });
    expect(fake.callsTo('PUT', /commands$/).at(-1)?.path).toBe(
      `/applications/${fake.applicationId}/commands`,
    );
    await expect(
      registerDiscordCommands({
        token: 'wrong',
        applicationId: fake.applicationId,
        apiUrl: fake.apiUrl,
        commands,
      }),
    ).rejects.toThrow(/Unauthorized/);
  });
});
