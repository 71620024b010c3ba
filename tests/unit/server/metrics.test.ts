import { describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../../src/server/metrics.ts';

describe('the bot metrics', () => {
  it('counts answers by platform and command, times them, and reads the leader and the transcript queue when scraped', async () => {
    let leading = false;
    const metrics = createBotMetrics({ leading: () => leading, transcriptQueue: async () => 7 });
    metrics.answered({ platform: 'slack', command: 'episode', via: 'command', outcome: 'answered', seconds: 0.012 });
    metrics.answered({ platform: 'slack', command: 'episode', via: 'command', outcome: 'answered', seconds: 2.2 });
    metrics.answered({ platform: 'discord', command: 'latest', via: 'button', outcome: 'error', seconds: 0.003 });
    metrics.polled('show-0123456789', 'failed');
    metrics.delivered({ delivered: 2, failed: 0, retrying: 1 });

    let text = await metrics.registry.metrics();
    expect(text).toContain('episode_bot_commands_total{platform="slack",command="episode",via="command",outcome="answered"} 2');
    expect(text).toContain('episode_bot_commands_total{platform="discord",command="latest",via="button",outcome="error"} 1');
    expect(text).toContain('episode_bot_answer_seconds_bucket{le="1.5",platform="slack",via="command"} 1');
    expect(text).toContain('episode_bot_answer_seconds_count{platform="slack",via="command"} 2');
    expect(text).toContain('episode_bot_feed_polls_total{show="show-0123456789",outcome="failed"} 1');
    expect(text).toContain('episode_bot_announcements_total{outcome="delivered"} 2');
    expect(text).toContain('episode_bot_announcements_total{outcome="retrying"} 1');
    expect(text).toContain('episode_bot_announcements_total{outcome="failed"} 0');
    expect(text).toContain('episode_bot_transcript_queue_length 7');
    expect(text).toContain('episode_bot_leader 0');
    leading = true;
    text = await metrics.registry.metrics();
    expect(text).toContain('episode_bot_leader 1');
  });

  it('names every metric episode_bot_…, in a registry of its own (two instances do not clash)', async () => {
    const a = createBotMetrics({ leading: () => false, transcriptQueue: () => null });
    const b = createBotMetrics({ leading: () => true, transcriptQueue: () => null });
    const names = (await a.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(name).toMatch(/^episode_bot_/);
    expect(await b.registry.metrics()).toContain('episode_bot_leader 1');
  });

  it('never takes a label value it did not choose: a URL, a token or free text becomes "other"', async () => {
    const metrics = createBotMetrics({ leading: () => false, transcriptQueue: () => null });
    metrics.answered({ platform: 'slack', command: 'https://user:pw@feeds.example/x.xml', via: 'command', outcome: 'answered', seconds: 0 });
    metrics.polled('xoxb-fake-1234-secret', 'updated');
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/feeds\.example|pw@|xoxb-fake-1234/);
    expect(text).toContain('command="other"');
  });
});
