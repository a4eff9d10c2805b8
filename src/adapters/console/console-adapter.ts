import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Dispatch } from '../../core/dispatch.ts';
import { userErrorReply } from '../../core/dispatch.ts';
import { UserError } from '../../core/errors.ts';
import { parseCommandLine } from '../../core/parse-text.ts';
import type { Registry } from '../../core/registry.ts';
import type { Reply } from '../../core/reply.ts';
import type { Adapter } from '../adapter.ts';
import { renderConsole } from './render.ts';

export interface ConsoleAdapterOptions {
  registry: Registry;
  dispatch: Dispatch;
  log: Logger;
  input?: Readable;
  output?: Writable;
  /** Interactive prompt with history; by default when stdin is a terminal. */
  interactive?: boolean;
}

/**
 * The console: the default front end with no tokens. In a terminal, a prompt with history; with
 * piped input, one command per line, each reply printed, and `start()` resolves at end of input.
 */
export function createConsoleAdapter(
  options: ConsoleAdapterOptions,
): Adapter & { done: Promise<void> } {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive =
    options.interactive ?? (process.stdin.isTTY === true && input === process.stdin);
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  let reading = false;
  const print = (reply: Reply) => output.write(`${renderConsole(reply)}\n\n`);

  async function handle(line: string): Promise<void> {
    if (line.trim() === '') return;
    if (interactive && /^(exit|quit|\/exit|\/quit)$/i.test(line.trim())) {
      rl?.close();
      return;
    }
    let reply: Reply;
    try {
      const command = parseCommandLine(options.registry, line);
      reply = await options.dispatch({
        platform: 'console',
        channelId: 'console',
        userId: 'console',
        command,
      });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      reply = userErrorReply(error);
    }
    print(reply);
  }

  return {
    platform: 'console',
    done,
    async start() {
      rl = createInterface({
        input,
        output: interactive ? output : undefined,
        terminal: interactive,
        historySize: 200,
      });
      if (interactive) {
        output.write('newsbrief console. Type /help for the commands, exit to leave.\n');
        rl.setPrompt('newsbrief> ');
        rl.prompt();
      }
      // Lines are handled one at a time, in order, even when piped in faster than replies come.
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue
          .then(() => handle(line))
          .catch((error: unknown) => options.log.error({ err: error }, 'console command failed'))
          .then(() => {
            if (interactive) rl?.prompt();
          });
      });
      reading = true;
      rl.on('close', () => {
        reading = false;
        void queue.then(finish);
      });
    },
    async stop() {
      rl?.close();
    },
    /** Reading commands: from start until the input ends or `exit`. */
    ready: () => reading,
    async publish(channelId, reply) {
      output.write(`[digest for ${channelId}]\n`);
      print(reply);
    },
  };
}
