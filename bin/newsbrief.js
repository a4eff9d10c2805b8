#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx newsbrief` works after `npm install`
// with no build step and never runs stale compiled code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main();
