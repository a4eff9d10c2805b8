import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { FakeDiscord } from '../../fakes/fake-discord.ts';
import { createTestBed } from './test-commands.ts';

const fixture = fileURLToPath(new URL('./start-stop.fixture.ts', import.meta.url));

describe('Discord adapter stop()', () => {
  it('closes the gateway and lets the process exit by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // 20 s to exit once the gateway has closed; starting up gets its own bound, since a loaded
    // machine spent most of a single 20 s budget on loading the modules (code null in CI).
    let killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const onOutput = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('closed')) {
        clearTimeout(killer);
        killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(killer);
    expect(out).toMatch(/^closed 1000\n$/);
    expect(code).toBe(0);
  }, 150_000);
});

describe('Discord adapter start()', () => {
  it('rejects a token Discord refuses, and can still be stopped', async () => {
    const fake = await new FakeDiscord().listen();
    const bed = createTestBed();
    const adapter = createDiscordAdapter({
      token: 'not-the-token',
      apiUrl: fake.apiUrl,
      registry: bed.registry,
      dispatch: bed.dispatch,
      log: pino({ level: 'silent' }),
    });
    try {
      await expect(adapter.start()).rejects.toThrow();
      expect(fake.framesOf(2)).toHaveLength(0);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
