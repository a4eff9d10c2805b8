// Loaded with `node --import` by lazy-imports.test.ts: appends every package the process imports
// (bare specifiers, not relative files or node: built-ins) to the file named by RECORD_IMPORTS.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

const hooks = `
  import { appendFileSync } from 'node:fs';
  export async function resolve(specifier, context, next) {
    if (!/^(\\.|\\/|node:|file:|data:)/.test(specifier))
      appendFileSync(${JSON.stringify(process.env.RECORD_IMPORTS)}, specifier + '\\n');
    return next(specifier, context);
  }
`;
appendFileSync(process.env.RECORD_IMPORTS, '');
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
