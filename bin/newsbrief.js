#!/usr/bin/env -S node --max-semi-space-size=32
// The flag: a 32 MB young generation means fewer scavenges while ingesting (+10-20% articles/s
// in back-to-back pairs with `npm run bench:ingest`). `env -S` passes it (GNU coreutils, macOS).
// `npm start` runs the bot without it: a bot answering bursts of /brief at 100,000 articles peaked
// at 253 MB with it and 228 MB without (npm run bench:ack).
// Runs the compiled build (dist/, made by `npm install` through `prepare`): no transpiling at
// start-up. In a git checkout, where the build script sits beside it, a source newer than the
// build rebuilds it first (well under a second), so this never runs stale code.
import { existsSync } from 'node:fs';

const buildScript = new URL('../scripts/build.js', import.meta.url);
if (existsSync(buildScript)) {
  const { buildIfStale } = await import(buildScript.href);
  await buildIfStale();
}
const { main } = await import('../dist/src/cli.js');
await main();
