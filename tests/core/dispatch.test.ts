import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CommandDef } from '../../src/core/command.ts';
import { createDispatch, type Request } from '../../src/core/dispatch.ts';
import { UserError } from '../../src/core/errors.ts';
import { Registry } from '../../src/core/registry.ts';
import { textReply } from '../../src/core/reply.ts';
import type { Services } from '../../src/core/services.ts';

/** A logger whose lines land in an array, to assert on. */
function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

const commands: CommandDef[] = [
  {
    name: 'echo',
    description: 'Echoes',
    options: [{ name: 'text', description: 't', required: true, rest: true, maxLength: 20 }],
    run: async (_ctx, args) => textReply(`echo: ${args.text}`),
  },
  {
    name: 'refuse',
    description: 'Refuses',
    run: async () => {
      throw new UserError('No articles mention "idlib" yet.', '/refuse');
    },
  },
  {
    name: 'crash',
    description: 'Crashes',
    run: async () => {
      throw new Error('database is locked');
    },
  },
];

function setup() {
  const { lines, log } = capture();
  const services = { log, commands } as unknown as Services;
  const dispatch = createDispatch(new Registry(commands), services);
  const request = (command: string, args: Record<string, string> = {}): Request => ({
    platform: 'console',
    channelId: 'c',
    userId: 'u',
    command: { command, args },
  });
  return { lines, dispatch, request };
}

const texts = (reply: { blocks: Array<{ type: string; text?: string }> }) =>
  reply.blocks.map((b) => b.text);

describe('createDispatch', () => {
  it('runs a command and logs it with the invocation id', async () => {
    const { lines, dispatch, request } = setup();
    expect(texts(await dispatch(request('echo', { text: 'hi' })))).toEqual(['echo: hi']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'command done', command: 'echo', platform: 'console' });
    expect(lines[0]?.invocation).toMatch(/^[0-9a-f]{8}$/);
  });

  it('shows a UserError as written, with the usage, and logs no error', async () => {
    const { lines, dispatch, request } = setup();
    const reply = await dispatch(request('refuse'));
    expect(texts(reply)).toEqual(['No articles mention "idlib" yet.', 'Usage: /refuse']);
    expect(reply.ephemeral).toBe(true);
    expect(lines.map((l) => l.level)).toEqual([30]);
    expect(lines[0]).toMatchObject({
      msg: 'command refused',
      refusal: 'No articles mention "idlib" yet.',
    });
  });

  it('turns a thrown Error into an apology with a reference id, and logs the error with it', async () => {
    const { lines, dispatch, request } = setup();
    const reply = await dispatch(request('crash'));
    const [text] = texts(reply);
    const id = /reference ([0-9a-f]{8})/.exec(text ?? '')?.[1];
    expect(text).toBe(
      `Sorry, something went wrong on our side (reference ${id}). Please try again later.`,
    );
    expect(text).not.toContain('database is locked');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'command failed',
      invocation: id,
      command: 'crash',
    });
    expect(lines[0]?.err).toMatchObject({ message: 'database is locked' });
  });

  it('refuses unknown commands, missing, too long and unknown options', async () => {
    const { dispatch, request } = setup();
    expect(texts(await dispatch(request('nope')))[0]).toBe('Unknown command "/nope". Try /help.');
    expect(texts(await dispatch(request('echo')))).toEqual([
      'Missing text.',
      'Usage: /echo <text…>',
    ]);
    expect(texts(await dispatch(request('echo', { text: 'x'.repeat(21) })))[0]).toBe(
      'text is 21 characters long; the limit is 20.',
    );
    expect(texts(await dispatch(request('echo', { text: 'a', color: 'red' })))[0]).toBe(
      'Unknown option color.',
    );
  });

  it('gives each invocation its own id', async () => {
    const { lines, dispatch, request } = setup();
    await dispatch(request('crash'));
    await dispatch(request('crash'));
    expect(lines[0]?.invocation).not.toBe(lines[1]?.invocation);
  });
});
