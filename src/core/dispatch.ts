import { randomBytes } from 'node:crypto';
import { type CommandOutcome, type Metrics, noMetrics } from '../ops/metrics.ts';
import {
  type Args,
  type CommandDef,
  type Invocation,
  type OptionDef,
  type ParsedCommand,
  usageOf,
} from './command.ts';
import { UserError } from './errors.ts';
import type { Registry } from './registry.ts';
import type { Reply } from './reply.ts';
import type { Services } from './services.ts';

/** Default longest option value; longer input is refused, never truncated silently. */
export const MAX_OPTION_LENGTH = 500;

/** What an adapter knows about an incoming command before dispatch. */
export type Request = Omit<Invocation, 'id'> & { command: ParsedCommand };

/** Runs a parsed command; the one entry point every adapter calls. Never throws. */
export type Dispatch = (request: Request) => Promise<Reply>;

/** A short id that users can quote back and that is in every log line of the invocation. */
export function newInvocationId(): string {
  return randomBytes(4).toString('hex');
}

/** A refusal as a reply: the message as written, and the usage when there is one. */
export function userErrorReply(error: UserError): Reply {
  const blocks: Reply['blocks'] = [{ type: 'text', text: error.message }];
  if (error.usage) blocks.push({ type: 'text', text: `Usage: ${error.usage}` });
  return { blocks, ephemeral: true };
}

/** The short apology for an unexpected failure, quoting the id that is in its log lines. */
export function unexpectedErrorReply(id: string): Reply {
  return {
    blocks: [
      {
        type: 'text',
        text: `Sorry, something went wrong on our side (reference ${id}). Please try again later.`,
      },
    ],
    ephemeral: true,
  };
}

function validate(options: readonly OptionDef[], args: Args, usage: string): Args {
  const clean: Record<string, string> = {};
  for (const option of options) {
    const value = args[option.name]?.trim();
    if (!value) {
      if (option.required) throw new UserError(`Missing ${option.name}.`, usage);
      continue;
    }
    const max = option.maxLength ?? MAX_OPTION_LENGTH;
    if (value.length > max) {
      throw new UserError(
        `${option.name} is ${value.length} characters long; the limit is ${max}.`,
        usage,
      );
    }
    clean[option.name] = value;
  }
  const unknown = Object.keys(args).filter((k) => !options.some((o) => o.name === k));
  if (unknown.length > 0) throw new UserError(`Unknown option ${unknown.join(', ')}.`, usage);
  return clean;
}

function resolve(command: CommandDef, parsed: ParsedCommand) {
  if (!command.subcommands) return { target: command, usage: usageOf(command) };
  const sub = command.subcommands.find((s) => s.name === parsed.subcommand);
  if (!sub) {
    throw new UserError(
      `Choose one of: ${command.subcommands.map((s) => s.name).join(', ')}.`,
      usageOf(command),
    );
  }
  return { target: sub, usage: usageOf(command, sub) };
}

/**
 * Builds the dispatcher: two tiers of errors. A `UserError` is shown as written; anything else is
 * logged with the invocation id and the user gets a short apology quoting that id. Every command
 * is counted in `metrics` by its registered name (`unknown` otherwise, so that what users type
 * never grows the label set), platform and outcome, with its duration.
 */
export function createDispatch(
  registry: Registry,
  services: Services,
  metrics: Pick<Metrics, 'command'> = noMetrics,
): Dispatch {
  return async (request) => {
    const id = newInvocationId();
    const { command: parsed, ...where } = request;
    const invocation: Invocation = { id, ...where };
    const log = services.log.child({
      invocation: id,
      command: parsed.subcommand ? `${parsed.command} ${parsed.subcommand}` : parsed.command,
      platform: request.platform,
    });
    const started = performance.now();
    const command = registry.get(parsed.command);
    const done = (outcome: CommandOutcome) => {
      const seconds = (performance.now() - started) / 1000;
      const name = command?.name ?? 'unknown';
      metrics.command({ command: name, platform: request.platform, outcome, seconds });
      return Math.round(seconds * 1000);
    };
    try {
      if (!command)
        throw new UserError(`Unknown command "/${parsed.command.slice(0, 40)}". Try /help.`);
      const { target, usage } = resolve(command, parsed);
      const args = validate(target.options ?? [], parsed.args, usage);
      const reply = await target.run({ services, invocation, log }, args);
      log.info({ ms: done('ok') }, 'command done');
      return reply;
    } catch (error) {
      if (error instanceof UserError) {
        done('refused');
        log.info({ refusal: error.message }, 'command refused');
        return userErrorReply(error);
      }
      done('error');
      log.error({ err: error }, 'command failed');
      return unexpectedErrorReply(id);
    }
  };
}
