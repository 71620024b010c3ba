import { describe, expect, it, vi } from 'vitest';
import { Dispatcher } from '../../../commands/dispatcher.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { LeaderGateway } from '../../../src/adapters/discord/leader-gateway.ts';
import { loadCatalogFile } from '../../../src/library/catalog-file.ts';
import { memoryLogger, runCommand } from '../../doubles/discord/bot-harness.ts';
import { startDiscordDouble, type DiscordDouble } from '../../doubles/discord/index.ts';
import { memoryLibrary } from '../../helpers/library.ts';

// Two bot processes in gateway mode, as two LeaderGateways on one Discord double: only the leader holds a session.

async function gatewayOf(double: DiscordDouble, name: string) {
  const catalog = loadCatalogFile('data/episodes.json');
  if (!catalog.ok) throw new Error(catalog.error);
  const library = await memoryLibrary(catalog.value);
  const answered: string[] = [];
  const dispatcher = new Dispatcher({
    registry: new CommandRegistry(() => library.podcast.title),
    library,
    random: () => 0,
    onError: () => {},
    observe: () => void answered.push(name),
  });
  const log = memoryLogger([]);
  const gateway = new LeaderGateway({
    create: () => createDiscordAdapter({ dispatcher, log, token: double.token, applicationId: double.applicationId, apiUrl: double.apiUrl, ephemeral: true }),
    token: double.token,
    apiUrl: double.apiUrl,
    log,
  });
  return { gateway, answered };
}

describe('the Discord gateway follows the announcer lease', () => {
  it('is held by the leader alone, moves when leadership moves, and the leader answers', async () => {
    const double = await startDiscordDouble();
    const a = await gatewayOf(double, 'a');
    const b = await gatewayOf(double, 'b');
    let leader: 'a' | 'b' = 'a';
    const failures: unknown[] = [];
    try {
      await Promise.all([a.gateway.start(), b.gateway.start()]);
      expect(double.connectedSessions).toBe(0); // nothing before leadership is known
      a.gateway.followLeadership(() => leader === 'a', (err) => failures.push(err));
      b.gateway.followLeadership(() => leader === 'b', (err) => failures.push(err));
      await vi.waitFor(() => expect(a.gateway.connected && double.connectedSessions === 1).toBe(true), { timeout: 10_000, interval: 50 });
      await new Promise((r) => setTimeout(r, 600)); // several checks: the follower stays off the gateway
      expect(double.connectedSessions).toBe(1);
      expect(b.gateway.connected).toBe(false);
      expect((await runCommand(double, 'latest')).type).toBe(4);
      expect(a.answered).toEqual(['a']);

      leader = 'b';
      await vi.waitFor(() => expect(b.gateway.connected && !a.gateway.connected && double.connectedSessions === 1).toBe(true), { timeout: 10_000, interval: 50 });
      expect((await runCommand(double, 'latest')).type).toBe(4);
      expect(b.answered).toEqual(['b']);
      expect(a.answered).toEqual(['a']);
      expect(failures).toEqual([]);
    } finally {
      await Promise.all([a.gateway.stop(), b.gateway.stop()]);
      expect(double.connectedSessions).toBe(0);
      await double.close();
    }
  });

  it('reports a connection that fails (a wrong token) to the caller', async () => {
    const double = await startDiscordDouble();
    const log = memoryLogger([]);
    const dispatcher = { commands: [], command: unused, action: unused, suggest: unused };
    const gateway = new LeaderGateway({
      create: () => createDiscordAdapter({ dispatcher, log, token: 'not-the-token', applicationId: double.applicationId, apiUrl: double.apiUrl, ephemeral: true }),
      token: 'not-the-token',
      apiUrl: double.apiUrl,
      log,
    });
    const failures: unknown[] = [];
    try {
      gateway.followLeadership(() => true, (err) => failures.push(err));
      await vi.waitFor(() => expect(failures.length).toBeGreaterThan(0), { timeout: 10_000, interval: 50 });
      expect(failures[0]).toMatchObject({ code: 'TokenInvalid' });
      expect(gateway.connected).toBe(false);
    } finally {
      await gateway.stop();
      await double.close();
    }
  });
});

function unused(): never {
  throw new Error('not called');
}
