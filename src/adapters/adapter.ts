import type { Reply } from '../core/reply.ts';

/**
 * A chat platform behind one small interface (like Bolt's Receiver or Hubot's Adapter): the core
 * and `commands/` never import discord.js or @slack/bolt.
 */
export interface Adapter {
  readonly platform: 'discord' | 'slack' | 'console';
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Whether the platform is reachable right now (gateway sessions up, socket connected, server
   * listening), for `GET /readyz`. Cheap and synchronous: it reads state the client keeps.
   */
  ready(): boolean;
  /** Posts a reply to a channel unprompted (scheduled digests). */
  publish(channelId: string, reply: Reply): Promise<void>;
}
