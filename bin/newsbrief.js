#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=2
// The flags: this thread's young generation stays at 1 MB semi-spaces. The long-running bot
// receives, renders and sends here; with V8's default growth to 16 MB it peaked at 228 MB answering
// 50 concurrent /brief at 100,000 articles, with this at 189 MB (`npm run bench:ack`). Worker
// threads size their own (src/workers/young-generation.ts): large where articles are prepared,
// small where commands run. V8's background threads (concurrent marking, sweeping, compiling)
// are 2 instead of Node's default 4: each keeps its own malloc arena, and the bot peaked ~8 MB
// lower with two. `env -S` passes the flags (GNU coreutils, macOS); `npm start` passes the same.
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
