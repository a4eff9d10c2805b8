/** Run as a child process by discord-stop.test.ts: starts, stops, and must then exit by itself. */
import pino from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { FakeDiscord } from '../../fakes/fake-discord.ts';
import { createTestBed } from './test-commands.ts';

const fake = await new FakeDiscord().listen();
const bed = createTestBed();
const adapter = createDiscordAdapter({
  token: fake.token,
  apiUrl: fake.apiUrl,
  registry: bed.registry,
  dispatch: bed.dispatch,
  log: pino({ level: 'silent' }),
});
await adapter.start();
const sent = fake.sendInteraction({ name: 'echo', options: { text: 'hello' } });
await fake.waitFor(() => fake.editOf(sent));
const closed = fake.waitFor(() => fake.socketCloses[0], 5000, 'the gateway socket to close');
await adapter.stop();
process.stdout.write(`closed ${await closed}\n`);
await fake.close();
// Deliberately no process.exit(): the test fails if anything keeps the event loop alive.
