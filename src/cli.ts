import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { PlatformLoginError } from './adapters/platform-login-error.ts';
import { terminalSafe } from './adapters/untrusted-text.ts';
import type { Progress } from './articles/ingest.ts';
import { SourceError } from './articles/sources/source-error.ts';
import { UserError } from './core/errors.ts';
import { StoreOpenError } from './store/store-open-error.ts';

// Each command imports what it needs when it runs (`await import`), so that `help` loads nothing
// and `brief` never loads the platform SDKs, the HTML stack or the NLP model: module loading,
// not the work, was most of a command's time.

const USAGE = `Usage: newsbrief <command>

  start                      run the bot (Discord, Slack, or the console when no token is set)
  ingest <path or URL>…      clean, analyse and store files, folders, feeds or article URLs
  clean <file> [--json]      print the cleaned article
  quotes <file> [--json]     print who said what in one article
  brief <topic> [--json]     the briefing /brief gives
  stories [topic] [--json]   the stories /stories lists, with their articles in JSON
  ask <question>             the answer /ask gives
  migrate-store <from> <to>  copy a whole store between a SQLite file and a postgres:// URL
  discord-commands           register the slash commands with Discord
  slack-manifest             print the Slack app manifest

Configuration comes from the environment; see .env.example.`;

const out = (text: string) => process.stdout.write(`${text}\n`);
/** JSON escapes C0 controls itself; C1 controls and bidi overrides are escaped too. */
const outJson = (value: unknown) =>
  out(
    JSON.stringify(value, null, 2).replace(
      /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
  );
/** Article text, one paragraph per line, with control characters shown as escapes. */
const articleText = (s: string) => terminalSafe(s, { lines: true });

/**
 * One article file, cleaned and analysed for `clean` and `quotes`. On this thread: a one-shot
 * command answers nothing else meanwhile, the size and depth budgets of cleaning still hold, and
 * a worker would double the start-up time.
 */
async function prepareFile(path: string | undefined) {
  if (!path)
    throw new UserError('Give a file, e.g. newsbrief clean samples/idlib-tehran-summit.txt');
  const { loadFile } = await import('./articles/sources/load-file.ts');
  const { prepareArticle } = await import('./articles/prepare-article.ts');
  const [input] = await loadFile(path);
  if (!input) throw new SourceError('no article in the file');
  return prepareArticle(input);
}

async function progressReporter(log: Logger): Promise<{ progress: Progress; done(): void }> {
  if (process.stderr.isTTY) {
    const { SingleBar } = await import('cli-progress');
    const bar = new SingleBar({
      format: 'ingest [{bar}] {value} files | {rate}/s',
      stream: process.stderr,
      hideCursor: true,
    });
    const started = Date.now();
    bar.start(0, 0, { rate: 0 });
    return {
      progress: (done) => {
        bar.setTotal(done);
        bar.update(done, {
          rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)),
        });
      },
      done: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    progress: (done) => {
      if (Date.now() - last >= 5000) {
        last = Date.now();
        log.info({ done }, 'ingest progress');
      }
    },
    done: () => {},
  };
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || command === 'help') {
    out(USAGE);
    return command || values.help ? 0 : 1;
  }
  const { loadDotEnv } = await import('./load-dot-env.ts');
  loadDotEnv();
  const { loadConfig } = await import('./config.ts');
  const { createLogger } = await import('./logger.ts');
  const config = loadConfig();
  // The console bot shares the terminal with its user: routine info lines would bury the replies,
  // so it logs warnings only unless LOG_LEVEL says otherwise.
  const consoleBot = command === 'start' && !config.DISCORD_TOKEN && !config.SLACK_BOT_TOKEN;
  const log = createLogger(consoleBot && !process.env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL);
  switch (command) {
    case 'start': {
      const { startBot } = await import('./main.ts');
      await startBot(config, log);
      return 0;
    }
    case 'clean': {
      const a = await prepareFile(rest[0]);
      if (values.json) {
        outJson({
          title: a.title,
          paragraphs: a.paragraphs,
          captions: a.captions,
          removed: a.removed,
        });
      } else {
        out(`# ${articleText(a.title)}\n\n${a.paragraphs.map(articleText).join('\n\n')}`);
        if (a.captions.length) out(`\n## Captions\n\n${a.captions.map(articleText).join('\n')}`);
        out(
          `\n## Removed (${a.removed.length})\n\n${a.removed.map((r) => `- ${r.reason}: ${terminalSafe(r.text.slice(0, 100))}`).join('\n')}`,
        );
      }
      return 0;
    }
    case 'quotes': {
      const a = await prepareFile(rest[0]);
      if (values.json) {
        outJson(
          a.quotes.map((q) => ({
            speaker: q.speaker,
            quote: q.quote,
            kind: q.kind,
            paragraph: q.paragraph,
          })),
        );
      } else {
        for (const q of a.quotes) {
          const words = terminalSafe(q.quote);
          out(
            `[${q.paragraph}] ${terminalSafe(q.speaker)}${q.role ? ` (${terminalSafe(q.role)})` : ''}, ${q.kind}: ${q.kind === 'direct' ? `“${words}”` : words}`,
          );
        }
        if (a.quotes.length === 0) out('No quotes found.');
      }
      return 0;
    }
    case 'migrate-store': {
      const [from, to, ...extra] = rest;
      if (!from || !to || extra.length > 0) {
        throw new UserError(
          'Give the store to copy and the empty one to copy into, each a SQLite file or a postgres:// URL, e.g. newsbrief migrate-store ./data/newsbrief.db postgres://newsbrief@localhost/newsbrief',
        );
      }
      const { migrateStoreCommand } = await import('./store/migrate-store-command.ts');
      out(await migrateStoreCommand(from, to));
      return 0;
    }
    case 'ingest': {
      if (rest.length === 0)
        throw new UserError('Give files, folders or URLs, e.g. newsbrief ingest ./articles');
      const { createApp } = await import('./app.ts');
      const { ingestPaths } = await import('./articles/ingest.ts');
      const app = await createApp(config, log);
      try {
        const reporter = await progressReporter(log);
        const summary = await ingestPaths(rest, {
          store: app.store,
          log,
          progress: reporter.progress,
        });
        reporter.done();
        out(
          `Ingested: ${summary.added} new, ${summary.duplicates} duplicate, ${summary.failed.length} failed.`,
        );
        // File names and reasons are untrusted: a newline or an escape sequence in a name must
        // not forge a line of this summary or drive the terminal.
        for (const f of summary.failed)
          out(`  failed: ${terminalSafe(f.origin)}: ${terminalSafe(f.reason)}`);
        return summary.failed.length > 0 && summary.added + summary.duplicates === 0 ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'brief':
    case 'ask': {
      const text = rest.join(' ').trim();
      if (!text)
        throw new UserError(
          `Give a ${command === 'brief' ? 'topic' : 'question'}, e.g. newsbrief ${command} idlib`,
        );
      const { createApp } = await import('./app.ts');
      const { renderConsole } = await import('./adapters/console/render.ts');
      const app = await createApp(config, log);
      try {
        if (command === 'brief' && values.json) {
          const { briefingJson } = await import('./briefing/briefing-json.ts');
          outJson(briefingJson(await app.services.briefer.brief(text)));
          return 0;
        }
        const reply = await app.dispatch({
          platform: 'console',
          channelId: 'cli',
          userId: 'cli',
          command: { command, args: command === 'brief' ? { topic: text } : { question: text } },
        });
        out(renderConsole(reply));
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'stories': {
      const topic = rest.join(' ').trim();
      const { createApp } = await import('./app.ts');
      const app = await createApp(config, log);
      try {
        if (values.json) {
          const { listStories, storiesJson } = await import('./briefing/list-stories.ts');
          const stories = await listStories(app.store, topic);
          outJson(await storiesJson(app.store, stories));
          return 0;
        }
        const { renderConsole } = await import('./adapters/console/render.ts');
        const reply = await app.dispatch({
          platform: 'console',
          channelId: 'cli',
          userId: 'cli',
          command: { command: 'stories', args: topic ? { topic } : {} },
        });
        out(renderConsole(reply));
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'discord-commands': {
      if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
        throw new UserError(
          'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Discord Developer Portal: Bot > Token, General Information > Application ID)',
        );
      }
      const { COMMANDS } = await import('../commands/index.ts');
      const { registerDiscordCommands } = await import('./adapters/discord/register-commands.ts');
      const count = await registerDiscordCommands({
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        guildId: config.DISCORD_GUILD_ID,
        apiUrl: config.DISCORD_API_URL,
        commands: COMMANDS,
      });
      out(
        `Registered ${count} commands ${config.DISCORD_GUILD_ID ? `in guild ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}.`,
      );
      return 0;
    }
    case 'slack-manifest': {
      const { COMMANDS } = await import('../commands/index.ts');
      const { slackManifest } = await import('./adapters/slack/manifest.ts');
      out(
        JSON.stringify(
          slackManifest(COMMANDS, { socketMode: Boolean(config.SLACK_APP_TOKEN) }),
          null,
          2,
        ),
      );
      return 0;
    }
    default:
      throw new UserError(`Unknown command "${terminalSafe(command)}".\n\n${USAGE}`);
  }
}

/** Runs the command line; every expected failure is one clear line on stderr and exit code 1. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (error) {
    // Loaded here, not at the top: config.ts brings zod, which `help` does without.
    const { ConfigError } = await import('./config.ts');
    if (
      error instanceof ConfigError ||
      error instanceof UserError ||
      error instanceof SourceError ||
      error instanceof StoreOpenError ||
      error instanceof PlatformLoginError
    ) {
      // A source's reason may quote the file (a name, a date it could not read), a platform's its
      // server: one line, control characters escaped.
      const untrusted = error instanceof SourceError || error instanceof PlatformLoginError;
      const message = untrusted ? terminalSafe(error.message) : error.message;
      process.stderr.write(`newsbrief: ${message}\n`);
      process.exitCode = error instanceof ConfigError ? 78 : 1;
      return;
    }
    if (
      error instanceof TypeError &&
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ) {
      process.stderr.write(`newsbrief: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
