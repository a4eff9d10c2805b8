import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../src/store/store.ts';
import { type TestDatabaseFactory, withStores } from './test-database.ts';

export function subscriptionsContract(factory: TestDatabaseFactory): void {
  const withStore = (run: Parameters<typeof withStores>[2]) => withStores(factory, 1, run);

  describe('subscriptions', () => {
    it('puts, gets, lists, updates and deletes', () =>
      withStore(async (s) => {
        const sub: Subscription = {
          platform: 'slack',
          channelId: 'C1',
          time: '08:00',
          timezone: 'Europe/Istanbul',
          topics: ['idlib', 'syria'],
          createdBy: 'U1',
          createdAt: '2024-05-01T00:00:00.000Z',
        };
        await s.putSubscription(sub);
        expect(await s.getSubscription('slack', 'C1')).toEqual(sub);
        expect(await s.getSubscription('discord', 'C1')).toBeUndefined();
        const updated = {
          ...sub,
          time: '09:30',
          lastDigestAt: '2024-05-02T05:30:00.000Z',
          lastError: 'timeout',
        };
        await s.putSubscription(updated);
        await s.putSubscription({ ...sub, platform: 'discord', channelId: '123' });
        expect(await s.listSubscriptions()).toEqual([
          { ...sub, platform: 'discord', channelId: '123' },
          updated,
        ]);
        // Clearing the last error clears it in the store too.
        await s.putSubscription({ ...updated, lastError: undefined });
        expect((await s.getSubscription('slack', 'C1'))?.lastError).toBeUndefined();
        expect(await s.deleteSubscription('slack', 'C1')).toBe(true);
        expect(await s.deleteSubscription('slack', 'C1')).toBe(false);
        expect((await s.listSubscriptions()).map((x) => x.channelId)).toEqual(['123']);
      }));
  });

  describe('feed state', () => {
    it('keeps each feed’s state and the items already seen', () =>
      withStore(async (s) => {
        const url = 'https://news.example/rss';
        expect(await s.getFeedState(url)).toBeUndefined();
        const state = { url, etag: '"x"', failures: 0, polledAt: '2024-05-01T00:00:00.000Z' };
        await s.putFeedState(state);
        expect(await s.getFeedState(url)).toEqual(state);
        await s.putFeedState({ url, failures: 2, lastError: 'HTTP 503' });
        expect(await s.getFeedState(url)).toEqual({ url, failures: 2, lastError: 'HTTP 503' });

        expect(await s.unseenItems(url, ['a', 'b', 'a'])).toEqual(['a', 'b']);
        // unseenItems records nothing; markItemsSeen returns the keys new to it.
        expect(await s.markItemsSeen(url, ['a'])).toEqual(['a']);
        expect(await s.markItemsSeen(url, ['a', 'b', 'c'])).toEqual(['b', 'c']);
        expect(await s.unseenItems(url, ['a', 'd'])).toEqual(['d']);
        // Another feed's items are its own.
        expect(await s.unseenItems('https://other.example/rss', ['a'])).toEqual(['a']);
      }));

    it('lets one process at a time hold a feed’s poll lease, until it ends', () =>
      withStores(factory, 2, async (one, two) => {
        const url = 'https://news.example/rss';
        const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 5, 0, s));
        const races = await Promise.all([
          one!.leaseFeed(url, 'a', at(0), at(60)),
          two!.leaseFeed(url, 'b', at(0), at(60)),
        ]);
        expect(races.filter(Boolean)).toHaveLength(1);
        const [holder, other, them] = races[0] ? [one!, two!, 'b'] : [two!, one!, 'a'];
        const me = them === 'a' ? 'b' : 'a';
        expect(await other.leaseFeed(url, them, at(30), at(90))).toBe(false);
        // The holder renews; the other gets it only once the renewed lease has ended.
        expect(await holder.leaseFeed(url, me, at(30), at(120))).toBe(true);
        expect(await other.leaseFeed(url, them, at(90), at(150))).toBe(false);
        expect(await other.leaseFeed(url, them, at(121), at(180))).toBe(true);
        // Another feed is another lease.
        expect(await holder.leaseFeed(`${url}/2`, me, at(121), at(180))).toBe(true);
      }));
  });
}
