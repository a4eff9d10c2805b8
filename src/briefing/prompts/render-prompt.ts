import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROMPTS } from '../../paths.ts';

/** The prompt templates in `prompts/`, one per task. */
export type PromptName = 'brief' | 'ask' | 'digest';

/** The repository's `prompts/` folder, from the sources and from the build alike. */
export const PROMPTS_DIR = PROMPTS;

const PARTIAL = /\{\{>\s*([a-z0-9][a-z0-9_-]*)\s*\}\}/gi;
const VARIABLE = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;
const MAX_PARTIAL_DEPTH = 5;

function expandPartials(template: string, dir: string, depth: number, stack: string[]): string {
  return template.replace(PARTIAL, (_, name: string) => {
    if (stack.includes(name)) throw new Error(`Prompt partial "${name}" includes itself`);
    if (depth >= MAX_PARTIAL_DEPTH) throw new Error(`Prompt partials nested too deep at "${name}"`);
    const text = readTemplate(join(dir, 'partials', `${name}.md`), `partial "${name}"`);
    return expandPartials(text.replace(/\n$/, ''), dir, depth + 1, [...stack, name]);
  });
}

function readTemplate(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Prompt ${what} not found at ${path}`, { cause: error });
  }
}

/**
 * Renders `prompts/<name>.md`: `{{> partial}}` includes `prompts/partials/partial.md`, then every
 * `{{variable}}` is replaced in one pass. Values are inserted as they are and never rendered again,
 * so article text containing `{{…}}` stays inert. A variable the template uses but `variables`
 * lacks is an error naming it.
 */
export function renderPrompt(
  name: PromptName,
  variables: Record<string, string>,
  dir: string = PROMPTS_DIR,
): string {
  const template = expandPartials(readTemplate(join(dir, `${name}.md`), `"${name}"`), dir, 0, []);
  const missing = [...template.matchAll(VARIABLE)]
    .map((m) => m[1] ?? '')
    .filter((v) => !Object.hasOwn(variables, v));
  if (missing.length > 0) {
    throw new Error(
      `Prompt "${name}" needs variable${missing.length > 1 ? 's' : ''} ${[...new Set(missing)].join(', ')}`,
    );
  }
  return template.replace(VARIABLE, (_, v: string) => variables[v] ?? '');
}
