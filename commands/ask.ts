import { briefingReply } from '../src/briefing/briefing-reply.ts';
import type { CommandDef } from '../src/core/command.ts';

/** `/ask <question>`: an answer from the stored articles only, every claim cited. */
export const ask: CommandDef = {
  name: 'ask',
  description: 'Ask a question; the answer comes only from the stored articles, with citations',
  options: [
    { name: 'question', description: 'Your question', required: true, rest: true, maxLength: 500 },
  ],
  async run({ services }, args) {
    const question = args.question ?? '';
    const answer = await services.briefer.ask(question);
    return briefingReply({ ...answer, numbers: [] }, question, 'Answer');
  },
};
