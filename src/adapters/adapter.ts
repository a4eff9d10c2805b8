import type { Reply } from '../core/reply.ts';

/**
 * A chat platform behind one small interface (like Bolt's Receiver or Hubot's Adapter): the core
 * and `commands/` never import discord.js or @slack/bolt.
 */
export interface Adapter {
  readonly platform: 'discord' | 'slack' | 'console';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts a reply to a channel unprompted (scheduled digests). */
  publish(channelId: string, reply: Reply): Promise<void>;
}
