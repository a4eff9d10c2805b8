import type { Reply } from '../../src/core/reply.ts';
import type { DigestAdapter } from '../../src/schedule/digest-adapter.ts';

/** A plain-object adapter that records posts; channels in `refuse` throw like a deleted channel. */
export function fakeAdapter(
  options: {
    platform?: DigestAdapter['platform'];
    refuse?: Record<string, string>;
    delayMs?: number;
    canFind?: boolean;
  } = {},
) {
  const posts: Array<{ channelId: string; reply: Reply; text: string }> = [];
  const adapter: DigestAdapter & { posts: typeof posts } = {
    platform: options.platform ?? 'discord',
    posts,
    async start() {},
    async stop() {},
    ready: () => true,
    async publish(channelId, reply) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      const refusal = options.refuse?.[channelId];
      if (refusal) throw new Error(refusal);
      const text = reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
      posts.push({ channelId, reply, text });
    },
  };
  if (options.canFind) {
    adapter.findDigest = async (channelId, marker) =>
      posts.some((p) => p.channelId === channelId && p.text.includes(marker));
  }
  return adapter;
}
