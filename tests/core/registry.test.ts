import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../commands/index.ts';
import type { CommandDef } from '../../src/core/command.ts';
import { Registry } from '../../src/core/registry.ts';
import { textReply } from '../../src/core/reply.ts';

const cmd = (name: string): CommandDef => ({
  name,
  description: name,
  run: async () => textReply(name),
});

describe('Registry', () => {
  it('holds the product commands', () => {
    const names = new Registry(COMMANDS).commands.map((c) => c.name).sort();
    expect(names).toEqual(['ask', 'brief', 'digest', 'help', 'sources', 'stories', 'who']);
  });

  it('rejects a duplicate command', () => {
    expect(() => new Registry([cmd('brief'), cmd('who'), cmd('brief')])).toThrow(
      'Duplicate command "/brief"',
    );
  });

  it('rejects a duplicate subcommand', () => {
    const digest: CommandDef = {
      name: 'digest',
      description: 'd',
      subcommands: [
        { name: 'list', description: 'l', run: async () => textReply('') },
        { name: 'list', description: 'l', run: async () => textReply('') },
      ],
    };
    expect(() => new Registry([digest])).toThrow('Duplicate subcommand "/digest list"');
  });

  it.each(['Brief', '1brief', 'brief me', '', 'a'.repeat(33)])('rejects the name %j', (name) => {
    expect(() => new Registry([cmd(name)])).toThrow(/Invalid command name/);
  });

  it('finds commands case-insensitively', () => {
    const registry = new Registry([cmd('brief')]);
    expect(registry.get('BRIEF')?.name).toBe('brief');
    expect(registry.get('nope')).toBeUndefined();
  });
});
