import { type CommandDef, usageOf } from '../src/core/command.ts';

/** `/help`: generated from the command definitions, so it cannot drift from them. */
export const help: CommandDef = {
  name: 'help',
  description: 'List the commands and how to use them',
  private: true,
  async run({ services }) {
    const items = services.commands.flatMap((command) =>
      command.subcommands
        ? command.subcommands.map((sub) => ({
            text: `${usageOf(command, sub)}: ${sub.description}`,
          }))
        : [{ text: `${usageOf(command)}: ${command.description}` }],
    );
    return {
      title: 'newsbrief commands',
      blocks: [
        { type: 'list', items },
        {
          type: 'text',
          text: 'Options can also be given by name, e.g. /brief topic:idlib or /digest subscribe time:08:00 timezone:Europe/Istanbul topics:idlib',
        },
      ],
      ephemeral: true,
    };
  },
};
