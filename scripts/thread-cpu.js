// Loaded into a benchmarked process (`node --import ./scripts/thread-cpu.js …`, or imported first
// by a script given to `node -e`): at exit it writes to stderr the CPU seconds of the main thread
// (the one that stores articles during `newsbrief ingest`), of the worker threads (they prepare
// articles), and of the whole process, so a benchmark can tell which side bounds a pool. What is
// neither is V8's background work (optimising compiles, concurrent GC) and libuv's pool.
// Linux only (/proc); elsewhere it writes nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

/** User and system CPU seconds of one thread of this process (`thread-self`: the caller). */
function threadSeconds(tid) {
  // utime and stime, fields 14 and 15 of stat(5), counted from the state (field 3) at index 0.
  const path = tid === 'thread-self' ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`;
  const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ');
  return (Number(fields?.[11]) + Number(fields?.[12])) / 100;
}

/** This thread's id as the kernel knows it: the first field of its stat. */
const ownTid = () => readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0];

// Worker threads inherit the flag that loads this: each tells the main thread its id, so that the
// main thread can count it at exit if it is still running then. Workers that ended before are in
// the process's total and in no live thread.
const channel = new BroadcastChannel('newsbrief-thread-cpu');
channel.unref();
const workers = new Set();
if (isMainThread) {
  channel.onmessage = ({ data }) => workers.add(String(data));
  process.on('exit', report);
} else {
  try {
    channel.postMessage(ownTid());
  } catch {
    // Not Linux: nothing to report.
  }
}

function report() {
  let main;
  let live = 0;
  let liveWorkers = 0;
  try {
    main = threadSeconds(process.pid);
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const seconds = threadSeconds(tid);
        live += seconds;
        if (workers.has(tid)) liveWorkers += seconds;
      } catch {
        // A thread that ended while this ran: counted in the process's total only.
      }
    }
  } catch {
    return;
  }
  const { user, system } = process.cpuUsage();
  const all = (user + system) / 1e6;
  const seconds = (n) => Math.max(0, n).toFixed(3);
  process.stderr.write(
    `thread-cpu main=${seconds(main)} workers=${seconds(all - live + liveWorkers)} process=${seconds(all)}\n`,
  );
}
