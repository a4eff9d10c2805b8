import { briefingReply } from '../src/briefing/briefing-reply.ts';
import type { CommandDef } from '../src/core/command.ts';

/** `/brief <topic>`: key points, key numbers, who said what, numbered sources. */
export const brief: CommandDef = {
  name: 'brief',
  description: 'A briefing on a topic: key points, key numbers, who said what, and sources',
  options: [
    {
      name: 'topic',
      description: 'What to brief on, e.g. idlib',
      required: true,
      rest: true,
      maxLength: 200,
    },
  ],
  async run({ services }, args) {
    const topic = args.topic ?? '';
    return briefingReply(await services.briefer.brief(topic), `Briefing: ${topic}`);
  },
};
