import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/paths.ts';

const built = (file: string) => import(pathToFileURL(join(ROOT, 'dist', file)).href);

describe('the build in dist/ (what npx newsbrief runs)', () => {
  it('finds the package root, the samples and the prompts where the sources do', async () => {
    const paths = await built('src/paths.js');
    expect(paths.ROOT).toBe(ROOT);
    expect(existsSync(join(paths.SAMPLES, 'idlib-tehran-summit.txt'))).toBe(true);
    const { PROMPTS_DIR } = await built('src/briefing/prompts/render-prompt.js');
    expect(existsSync(join(PROMPTS_DIR, 'brief.md'))).toBe(true);
  });

  it('holds one .js file per source, with relative imports rewritten to .js', async () => {
    const { COMMANDS } = await built('commands/index.js');
    expect(COMMANDS.map((c: { name: string }) => c.name)).toContain('brief');
  });
});
