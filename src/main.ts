import type { Logger } from 'pino';
import type { Adapter } from './adapters/adapter.ts';
import { createConsoleAdapter } from './adapters/console/console-adapter.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { opsRoutes } from './ops/ops-routes.ts';
import { type OpsServer, startOpsServer } from './ops/ops-server.ts';
import { checkReadiness } from './ops/readiness.ts';
import { SAMPLES } from './paths.ts';
import type { PreparePool } from './workers/prepare-pool.ts';

/**
 * `newsbrief start`: config -> logger -> store -> core -> adapters. Discord when DISCORD_TOKEN is
 * set, Slack when SLACK_BOT_TOKEN is, the console when neither. Resolves when the bot stops.
 */
export async function startBot(config: Config, log: Logger): Promise<void> {
  // GET /healthz, /readyz and /metrics on PORT, in every mode. Slack's HTTP mode already listens
  // there, so they join its server; unset PORT and no Slack HTTP: no server, no prom-client.
  const slackHttp = Boolean(config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN);
  const metrics =
    config.PORT !== undefined || slackHttp
      ? (await import('./ops/prom-metrics.ts')).createPromMetrics()
      : undefined;
  const app = await createApp(config, log, { metrics });
  const adapters: Adapter[] = [];
  let started = false;
  const routes = metrics
    ? opsRoutes({
        metrics,
        readiness: () =>
          checkReadiness({ started: () => started, store: () => app.store.ping(), adapters }),
        log: log.child({ mod: 'ops' }),
      })
    : undefined;
  // Up before the first ingest and the platforms: alive at once, ready once all is up.
  let server: OpsServer | undefined;
  if (routes && !slackHttp && config.PORT !== undefined) {
    server = await startOpsServer(routes, { port: config.PORT });
    log.info({ port: server.port }, 'serving GET /healthz, /readyz and /metrics');
  }
  // Ingest (NLP model, HTML stack), feeds and each platform's SDK are imported only when this
  // bot uses them: discord.js alone takes most of a second to load and tens of MB to hold.
  // Articles are cleaned on worker threads: untrusted HTML never runs on this thread, which
  // answers commands and ticks the scheduler. The pool starts workers only when there is work.
  let articles: PreparePool | undefined;
  const articlePool = async () => {
    articles ??= (await import('./workers/prepare-pool.ts')).createPreparePool();
    return articles;
  };
  if ((await app.store.countArticles()) === 0) {
    const { ingestPaths } = await import('./articles/ingest.ts');
    const folder = config.NEWSBRIEF_ARTICLES ?? SAMPLES;
    const summary = await ingestPaths([folder], {
      store: app.store,
      log,
      pool: await articlePool(),
    });
    metrics?.articlesIngested(summary.added);
    log.info(
      { folder, added: summary.added, failed: summary.failed.length },
      'first start: articles ingested',
    );
  }
  const poller =
    config.feeds.length > 0
      ? (await import('./articles/feeds/feed-poller.ts')).createFeedPoller({
          feeds: config.feeds,
          state: app.store,
          log: log.child({ mod: 'feeds' }),
          // A new feed's first items are old news: stored and searchable, never a digest's "new".
          async ingest(inputs, meta) {
            const { Ingestor } = await import('./articles/ingest.ts');
            const ingestor = new Ingestor(
              app.store,
              log.child({ feed: meta.feed }),
              await articlePool(),
            );
            for (const input of inputs) await ingestor.add(input, { backfill: meta.firstPoll });
            await ingestor.flush();
            metrics?.articlesIngested(ingestor.summary.added);
          },
        })
      : undefined;
  const chat = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  const consoleAdapter = chat
    ? undefined
    : createConsoleAdapter({ registry: app.registry, dispatch: app.dispatch, log });
  if (consoleAdapter) adapters.push(consoleAdapter);
  // On Discord and Slack, commands run on worker threads, so that an acknowledgement never waits
  // behind another command's work (the console has one user and no deadline to meet).
  const pool = chat
    ? (await import('./workers/command-pool.ts')).createCommandPool({ metrics, log })
    : undefined;
  const core = { registry: app.registry, dispatch: pool?.dispatch ?? app.dispatch };
  if (config.DISCORD_TOKEN) {
    const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.ts');
    adapters.push(
      createDiscordAdapter({
        ...core,
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        shards: config.discordShards,
        log: log.child({ adapter: 'discord' }),
      }),
    );
  }
  if (config.SLACK_BOT_TOKEN) {
    const { createSlackAdapter, slackOptionsFromConfig } = await import(
      './adapters/slack/slack-adapter.ts'
    );
    const slack = slackOptionsFromConfig(config);
    if (slack)
      adapters.push(
        createSlackAdapter({ ...slack, ...core, routes, log: log.child({ adapter: 'slack' }) }),
      );
  }
  const scheduler = app.digests.schedule(adapters);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Nothing new starts (polls, digests) before the platforms close; the store closes last.
      poller?.stop();
      await scheduler.stop();
      for (const adapter of adapters) {
        await adapter
          .stop()
          .catch((error: unknown) =>
            log.error({ err: error, platform: adapter.platform }, 'stop failed'),
          );
      }
      await server?.close();
      await pool?.close();
      await articles?.close();
      await app.close();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      void stop().then(() => process.exit(0));
    });
  }
  try {
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    // A refused login ends start-up: close what is already open (the ops server, the pools, the
    // store) so the process exits with the one line the caller prints, not hangs or dumps a stack.
    await stop();
    throw error;
  }
  // Catches up digests missed while down (within 6 h), then ticks every minute.
  await scheduler.start();
  if (poller) {
    void poller.pollAll();
    poller.start();
  }
  started = true;
  log.debug({ adapters: adapters.map((a) => a.platform) }, 'started');
  if (consoleAdapter) {
    await consoleAdapter.done;
    await stop();
    return;
  }
  await new Promise<void>(() => {});
}
