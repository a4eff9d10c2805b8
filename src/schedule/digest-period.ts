/** When a channel's digest is due: one period per local calendar day. */
export interface DigestPeriod {
  /** The channel's local date, `YYYY-MM-DD`: the ledger key of that day's digest. */
  key: string;
  /** The instant the channel's clock reads `time` on that date. */
  dueAt: Date;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading in `timeZone` at `ms`, as if that reading were UTC (ms since epoch). */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The zone's offset from UTC at `ms`, in ms (Asia/Kathmandu: +5:45 = 20,700,000). */
export function zoneOffset(ms: number, timeZone: string): number {
  return wallClock(Math.floor(ms / 1000) * 1000, timeZone) - Math.floor(ms / 1000) * 1000;
}

function parseTime(time: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) throw new Error(`Invalid digest time "${time}" (expected HH:MM)`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The instant a local date and time happen in a zone. A time skipped by a DST change (02:30 on
 * a spring-forward night) is taken as the same distance past the gap, like a wall clock that was
 * moved forward (03:30): the digest is late by the gap, never dropped. A time that happens twice
 * (autumn) is its first occurrence, so the digest goes out once, at the earlier one.
 */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = parseTime(time);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // At most one offset change within a day of any date: the offsets either side bound it.
  const before = zoneOffset(wall - DAY_MS, timeZone);
  const after = zoneOffset(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].sort((a, b) => a - b);
  const exact = candidates.find((t) => wallClock(t, timeZone) === wall);
  return new Date(exact ?? wall - before);
}

/** The local calendar date in `timeZone` at `at`, `YYYY-MM-DD`. */
export function localDate(at: Date, timeZone: string): string {
  return new Date(wallClock(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The latest period already due at `now`: today's when the channel's clock has passed `time`,
 * else yesterday's. The scheduler compares it with the ledger, so a missed one is caught up.
 */
export function digestPeriod(
  subscription: { time: string; timezone: string },
  now: Date,
): DigestPeriod {
  const today = localDate(now, subscription.timezone);
  for (const date of [today, addDays(today, -1)]) {
    const dueAt = localInstant(date, subscription.time, subscription.timezone);
    if (dueAt.getTime() <= now.getTime()) return { key: date, dueAt };
  }
  // Unreachable for real zones (yesterday's time is always past); kept total for the compiler.
  const key = addDays(today, -1);
  return { key, dueAt: localInstant(key, subscription.time, subscription.timezone) };
}

/** The next period that falls due after `now` (for `/digest list` and logs). */
export function nextDigestPeriod(
  subscription: { time: string; timezone: string },
  now: Date,
): DigestPeriod {
  const today = localDate(now, subscription.timezone);
  for (const date of [today, addDays(today, 1), addDays(today, 2)]) {
    const dueAt = localInstant(date, subscription.time, subscription.timezone);
    if (dueAt.getTime() > now.getTime()) return { key: date, dueAt };
  }
  const key = addDays(today, 2);
  return { key, dueAt: localInstant(key, subscription.time, subscription.timezone) };
}
