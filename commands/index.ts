import type { CommandDef } from '../src/core/command.ts';
import { ask } from './ask.ts';
import { brief } from './brief.ts';
import { digest } from './digest.ts';
import { help } from './help.ts';
import { sources } from './sources.ts';
import { stories } from './stories.ts';
import { who } from './who.ts';

/** Every command, listed explicitly so the compiler sees them and the registry rejects duplicates. */
export const COMMANDS: readonly CommandDef[] = [brief, who, ask, digest, stories, sources, help];
