/**
 * `npm run bench:ack`: 50 concurrent slash commands against the fake Discord and the fake Slack;
 * p50/p99 from the interaction or request arriving to the defer or ack leaving. Target p99 <= 50 ms.
 */
import { loadavg } from 'node:os';
import { benchDiscordAck } from './bench-ack-discord.ts';
import { benchSlackAck } from './bench-ack-slack.ts';

const n = Number(process.argv[2] ?? 50);
const discord = await benchDiscordAck(n);
const slack = await benchSlackAck(n);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (timings are only meaningful on a quiet machine)`,
);
console.log(
  `discord: ${n} concurrent, INTERACTION_CREATE sent -> type-5 defer received: p50 ${discord.p50.toFixed(1)} ms, p99 ${discord.p99.toFixed(1)} ms`,
);
console.log(
  `slack:   ${n} concurrent, signed request sent -> ack received: p50 ${slack.p50.toFixed(1)} ms, p99 ${slack.p99.toFixed(1)} ms`,
);
console.log(
  `slack server side (request arrived -> ack sent): p50 ${slack.server.p50.toFixed(1)} ms, p99 ${slack.server.p99.toFixed(1)} ms; bare node:http baseline p99 ${slack.baseline.p99.toFixed(1)} ms`,
);
process.exit(0);
