/**
 * How fast the Slack adapter acknowledges slash commands: `n` correctly signed requests sent at
 * once to the real Bolt app (HTTP mode) on 127.0.0.1. Three runs after a warm-up; the median run's
 * p50 and p99 are reported, both as the client sees them (request sent to ack received) and as the
 * server sees them (request arrived to ack sent).
 *
 * The requests come from a worker thread: a client on the bot's own event loop would read its
 * acks only after the bot finished all the work the burst started, and measure that instead.
 *
 *   npx tsx scripts/bench-ack-slack.ts [n]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { testCore } from '../tests/adapters/slack/fixtures.ts';
import { slashCommandBody, startFakeSlack } from '../tests/fakes/fake-slack.ts';

const SECRET = 'bench-signing-secret';
const RUNS = 3;

/** The load generator: signs and sends one burst of bodies at once, answers with the ack times. */
const CLIENT = `
const { parentPort } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { createHmac } = require('node:crypto');
const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
function send(url, secret, body) {
  const ts = Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': Buffer.byteLength(body),
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': sig,
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
    });
    req.setTimeout(10000, () => req.destroy(new Error('ack timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
parentPort.on('message', async ({ url, secret, bodies }) => {
  try {
    parentPort.postMessage({ acks: await Promise.all(bodies.map((b) => send(url, secret, b))) });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

export interface AckFigures {
  /** Client side: request sent to ack received, ms. */
  p50: number;
  p99: number;
  /** Server side: request arrived to ack sent (the adapter's onAck), ms. */
  server: { p50: number; p99: number };
  /** The same bursts against a bare node:http server that answers at once: the machine's floor. */
  baseline: { p50: number; p99: number };
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

export async function benchSlackAck(n = 50): Promise<AckFigures> {
  const fake = await startFakeSlack();
  const core = testCore();
  let serverTimes: number[] = [];
  const adapter = createSlackAdapter({
    botToken: 'xoxb-test-token',
    signingSecret: SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: '127.0.0.1',
    registry: core.registry,
    dispatch: core.dispatch,
    log: core.log,
    retryConfig: { retries: 0 },
    onAck: (ms) => serverTimes.push(ms),
  });
  const client = new Worker(CLIENT, { eval: true });
  await adapter.start();
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/slack/events`;
  const url = `http://127.0.0.1:${adapter.port}/slack/events`;
  let sent = 0;

  async function fire(target: string, bodies: string[]): Promise<number[]> {
    const reply = await new Promise<{ acks?: { status: number; ms: number }[]; error?: string }>(
      (resolve) => {
        client.once('message', resolve);
        client.postMessage({ url: target, secret: SECRET, bodies });
      },
    );
    if (!reply.acks) throw new Error(`load generator failed: ${reply.error}`);
    const failed = reply.acks.filter((a) => a.status !== 200);
    if (failed.length > 0) throw new Error(`${failed.length} of ${n} acks failed`);
    return sorted(reply.acks.map((a) => a.ms));
  }

  async function burst(): Promise<{ client: number[]; server: number[]; baseline: number[] }> {
    serverTimes = [];
    const bodies = Array.from({ length: n }, (_, i) => {
      sent += 1;
      const fields = slashCommandBody({
        command: '/brief',
        text: `topic ${i}`,
        responseUrl: fake.responseUrl(`bench-${sent}`),
      });
      return new URLSearchParams(fields).toString();
    });
    const acks = await fire(url, bodies);
    // Let every reply land before the next burst, so runs do not overlap.
    await fake.waitForResponses(sent, 30_000);
    const server = sorted(serverTimes);
    return { client: acks, server, baseline: await fire(bareUrl, bodies) };
  }

  try {
    await burst(); // warm-up: JIT, connections, Bolt's first-request paths
    const runs: Awaited<ReturnType<typeof burst>>[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await burst());
    const at = (side: 'client' | 'server' | 'baseline', p: number) =>
      round(median(runs.map((r) => percentile(r[side], p))));
    return {
      p50: at('client', 50),
      p99: at('client', 99),
      server: { p50: at('server', 50), p99: at('server', 99) },
      baseline: { p50: at('baseline', 50), p99: at('baseline', 99) },
    };
  } finally {
    await client.terminate();
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await adapter.stop();
    await fake.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 50);
  const { p50, p99, server, baseline } = await benchSlackAck(n);
  console.log(
    `slack ack, ${n} concurrent signed slash commands, median of ${RUNS} runs (target p99 <= 50 ms):\n` +
      `  request sent -> ack received: p50 ${p50} ms, p99 ${p99} ms\n` +
      `  request arrived -> ack sent:  p50 ${server.p50} ms, p99 ${server.p99} ms\n` +
      `  bare node:http server, same bursts: p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
  );
}
