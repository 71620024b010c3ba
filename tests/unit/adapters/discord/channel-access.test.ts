import { describe, expect, it } from 'vitest';
import { applyOverwrites } from '../../../../src/adapters/discord/channel-access.ts';

const SEND = 1n << 11n;
const VIEW = 1n << 10n;
const EMBED = 1n << 14n;
const GUILD = 'g';
const ow = (id: string, type: 0 | 1, allow: bigint, deny: bigint) => ({ id, type, allow: String(allow), deny: String(deny) });

describe('applyOverwrites: Discord’s order of channel overwrites', () => {
  it('applies @everyone’s, then the roles’ (deny, then allow), then the member’s own', () => {
    const base = VIEW | SEND | EMBED;
    expect(applyOverwrites(base, [ow(GUILD, 0, 0n, SEND)], GUILD, [], 'bot')).toBe(VIEW | EMBED);
    expect(applyOverwrites(base, [ow(GUILD, 0, 0n, SEND), ow('r1', 0, SEND, 0n)], GUILD, ['r1'], 'bot')).toBe(base);
    expect(applyOverwrites(base, [ow('r1', 0, SEND, 0n), ow('r2', 0, 0n, SEND)], GUILD, ['r1', 'r2'], 'bot')).toBe(base); // a role's allow wins over another's deny
    expect(applyOverwrites(base, [ow('r1', 0, SEND, 0n), ow('bot', 1, 0n, SEND)], GUILD, ['r1'], 'bot')).toBe(VIEW | EMBED);
    expect(applyOverwrites(base, [ow('r9', 0, 0n, SEND)], GUILD, ['r1'], 'bot')).toBe(base); // a role the bot lacks
  });
});
