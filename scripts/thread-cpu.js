// Loaded into a benchmarked process (`node --import ./scripts/thread-cpu.js …`, or imported first
// by a script given to `node -e`): at exit it writes to stderr the CPU seconds of the main thread
// (the one that stores articles during `newsbrief ingest`) and of the whole process (every
// thread, ended ones too), so a benchmark can tell which side bounds a pool. Linux only (/proc);
// elsewhere it writes nothing.
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

// Worker threads inherit the flag that loads this: only the main thread reports.
if (isMainThread) process.on('exit', report);

function report() {
  let main;
  try {
    // utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3) at index 0.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ');
    main = (Number(fields?.[11]) + Number(fields?.[12])) / 100;
  } catch {
    return;
  }
  const { user, system } = process.cpuUsage();
  process.stderr.write(`thread-cpu main=${main} process=${(user + system) / 1e6}\n`);
}
