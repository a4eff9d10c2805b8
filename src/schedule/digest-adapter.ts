import type { Adapter } from '../adapters/adapter.ts';

/**
 * An adapter that digests can be posted through. `findDigest` is optional: when present, the
 * scheduler asks it whether a digest claimed by a process that then died did reach the channel
 * (Discord: the bot's recent messages in the channel; Slack: `conversations.history`), looking
 * for the marker every digest carries in its footer (`nb-digest:<period>`).
 */
export interface DigestAdapter extends Adapter {
  findDigest?(channelId: string, marker: string): Promise<boolean>;
}
