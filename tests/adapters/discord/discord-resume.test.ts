import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adapter } from '../../../src/adapters/adapter.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { FakeDiscord, type SentInteraction } from '../../fakes/fake-discord.ts';
import { createTestBed } from './test-commands.ts';

describe('Discord adapter keeps working across reconnects', () => {
  let fake: FakeDiscord;
  let adapter: Adapter;

  beforeAll(async () => {
    // A short heartbeat so a missed acknowledgement is noticed within a second.
    fake = await new FakeDiscord({ heartbeatInterval: 250 }).listen();
    const bed = createTestBed();
    adapter = createDiscordAdapter({
      token: fake.token,
      apiUrl: fake.apiUrl,
      registry: bed.registry,
      dispatch: bed.dispatch,
      log: pino({ level: 'silent' }),
    });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  async function echo(text: string): Promise<string | undefined> {
    const sent: SentInteraction = fake.sendInteraction({ name: 'echo', options: { text } });
    const edit = await fake.waitFor(() => fake.editOf(sent), 5000, `the reply to ${text}`);
    return (edit.body as { content?: string }).content;
  }

  it('resumes the session (op 6) when heartbeats go unanswered, and commands still work', async () => {
    expect(await echo('before')).toBe('before');
    const resumes = fake.framesOf(6).length;
    fake.ackHeartbeats = false;
    const resume = await fake.waitFor(() => fake.framesOf(6)[resumes], 5000, 'a RESUME');
    fake.ackHeartbeats = true;
    expect((resume.d as { token: string }).token).toBe(fake.token);
    expect(fake.framesOf(2)).toHaveLength(1); // resumed, not identified again
    expect(await echo('after a zombie connection')).toBe('after a zombie connection');
  });

  it('resumes when the socket closes with a resumable code, and commands still work', async () => {
    const resumes = fake.framesOf(6).length;
    fake.dropConnection(4000);
    await fake.waitFor(() => fake.framesOf(6)[resumes], 5000, 'a RESUME');
    expect(fake.framesOf(2)).toHaveLength(1);
    expect(await echo('after a dropped socket')).toBe('after a dropped socket');
  });
});
