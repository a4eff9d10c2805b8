import type { CitedText } from '../core/reply.ts';
import type { DeliveryLedger } from '../store/delivery-ledger.ts';
import type { Subscription } from '../store/store.ts';
import { nextDigestPeriod } from './digest-period.ts';

/**
 * Lines for `/digest list` beyond the subscription itself: when the next digest goes out, and
 * how the last few periods went (posted, failed, skipped, uncertain), so nothing is lost silently.
 */
export async function digestStatus(
  subscription: Subscription,
  ledger: Pick<DeliveryLedger, 'recent'>,
  now: Date,
  limit = 3,
): Promise<CitedText[]> {
  const next = nextDigestPeriod(subscription, now);
  const hours = (next.dueAt.getTime() - now.getTime()) / 3_600_000;
  const lines: CitedText[] = [
    {
      text: `Next digest: ${next.key} at ${subscription.time} (${subscription.timezone}), in ${hours < 1 ? `${Math.ceil(hours * 60)} min` : `${hours.toFixed(1)} h`}`,
    },
  ];
  const recent = await ledger.recent(subscription.platform, subscription.channelId, limit);
  if (recent.length > 0) {
    const states = recent.map(
      (d) =>
        `${d.period} ${d.state === 'claimed' ? 'posting' : d.state}${d.note && d.state !== 'posted' ? ` (${d.note})` : ''}`,
    );
    lines.push({ text: `Recent digests: ${states.join('; ')}` });
  }
  return lines;
}
