#!/usr/bin/env node
// Compiles src/ and commands/ into dist/ so that `npx newsbrief` and `npm start` start without
// transpiling: one .js per .ts in the same layout (so `new URL('./x.js', import.meta.url)` works
// in the build as in the sources), relative `.ts` imports rewritten to `.js`, packages left as
// imports, other files (data read at run time) copied. esbuild rather than tsc: type-checking is
// `npm test`'s job, and at well under a second the bin can rebuild a stale checkout on the spot.
//
//   node scripts/build.js              build
//   node scripts/build.js --if-stale   build only when a source is newer than the last build
//
// Plain JavaScript because the bin imports it before anything could transpile TypeScript.
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const SOURCES = ['src', 'commands'];
/** Written last: its time is the build's, and its absence means no complete build. */
const STAMP = join(DIST, '.build-stamp');

/** Every file under the source folders, relative to the root, with the newest time of them all. */
function sourceFiles() {
  const files = [];
  let newest = 0;
  for (const top of SOURCES) {
    const topDir = join(ROOT, top);
    // A folder's time changes when a file is added, deleted or renamed in it.
    newest = Math.max(newest, statSync(topDir).mtimeMs);
    for (const entry of readdirSync(topDir, { recursive: true, withFileTypes: true })) {
      const path = join(entry.parentPath, entry.name);
      newest = Math.max(newest, statSync(path).mtimeMs);
      if (entry.isFile()) files.push(relative(ROOT, path));
    }
  }
  return { files, newest };
}

function writable(path) {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** True when dist/ is missing or older than a source file or folder, or than this script. */
export function isStale() {
  const built = mtime(STAMP);
  return (
    built === 0 || built < Math.max(sourceFiles().newest, mtime(fileURLToPath(import.meta.url)))
  );
}

/** Builds dist/ and returns how many files it wrote. */
export async function build() {
  const { build: esbuild } = await import('esbuild');
  const { files } = sourceFiles();
  const entryPoints = files.filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, f));
  const result = await esbuild({
    entryPoints,
    outdir: DIST,
    outbase: ROOT,
    // "Bundle" only so that the plugin sees every import; it marks all of them external, so
    // each output file holds exactly its own source (JSON imports excepted: inlined).
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    metafile: true,
    plugins: [
      {
        name: 'one-file-per-source',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined;
            const path = args.path.startsWith('.') ? args.path.replace(/\.ts$/, '.js') : args.path;
            return { path, external: true };
          });
        },
      },
    ],
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => join(ROOT, f)));
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    const to = join(DIST, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(ROOT, file), to);
    written.add(to);
  }
  // A deleted source's old output would still be importable: remove what this build did not write.
  for (const entry of readdirSync(DIST, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && path !== STAMP && !written.has(path)) unlinkSync(path);
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return written.size;
}

/** Rebuilds when stale, saying so on stderr; for the bin in a git checkout. */
export async function buildIfStale() {
  if (!isStale()) return;
  // A checkout installed by one user and run by another: esbuild would fail on every file.
  if (!writable(existsSync(DIST) ? DIST : ROOT)) {
    process.stderr.write(
      'newsbrief: sources are newer than dist/, which this user cannot write; running the existing build (its owner can run npm run build)\n',
    );
    return;
  }
  const started = performance.now();
  const count = await build();
  process.stderr.write(
    `newsbrief: sources changed, rebuilt dist/ (${count} files, ${Math.round(performance.now() - started)} ms)\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-stale')) await buildIfStale();
  else await build();
}
