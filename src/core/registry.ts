import type { CommandDef } from './command.ts';

/** The explicit list of commands, by name; rejects duplicates so two files cannot claim `/brief`. */
export class Registry {
  readonly #byName = new Map<string, CommandDef>();

  constructor(commands: readonly CommandDef[]) {
    for (const command of commands) {
      if (!/^[a-z][a-z0-9-]{0,31}$/.test(command.name)) {
        throw new Error(
          `Invalid command name "${command.name}": lowercase letters, digits, dashes`,
        );
      }
      if (this.#byName.has(command.name)) {
        throw new Error(`Duplicate command "/${command.name}"`);
      }
      const subs = new Set<string>();
      for (const sub of command.subcommands ?? []) {
        if (subs.has(sub.name))
          throw new Error(`Duplicate subcommand "/${command.name} ${sub.name}"`);
        subs.add(sub.name);
      }
      this.#byName.set(command.name, command);
    }
  }

  get(name: string): CommandDef | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  get commands(): readonly CommandDef[] {
    return [...this.#byName.values()];
  }
}
