/**
 * `node --import tsx bench/slack-recovery.ts` (also part of `npm run bench`; `--no-slack-recovery` skips it)
 *
 * How long looking for an interrupted announcement takes on Slack under its
 * real limits for apps outside the Marketplace (conversations.history: 1 call
 * a minute per workspace, 15 messages a call), enforced by the Slack double:
 * the restarted process's look-up when the minute's call is free, when the
 * crashed process had just used it (a 429 with Retry-After, waited out by the
 * Web API client), and a second recovery in the same minute. Writes
 * bench/results/slack-recovery.md and .json. About 2 minutes: the limits are real.
 */
import { webApi } from '@slack/bolt';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slackAnnouncementTarget } from '../src/adapters/slack/announcement-target.ts';
import { announcementAnswer } from '../src/core/answers/announcement.ts';
import { Library } from '../src/core/search/library.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { loadCatalogFile } from '../src/library/catalog-file.ts';
import { startSlackApiDouble } from '../tests/doubles/slack/index.ts';
import { machineInfo } from './machine.ts';
import { ROOT } from './processes.ts';

const TOKEN = 'xoxb-bench-recovery-token';

/** The measured look-ups, in milliseconds. */
export interface SlackRecoveryBench {
  freeMinuteMs: number;
  spentMinuteMs: number;
  secondRecoveryMs: number;
  calls: Array<{ status: number; limit: unknown }>;
}

export async function runSlackRecoveryBench(say: (line: string) => void): Promise<SlackRecoveryBench> {
  const catalog = loadCatalogFile(join(ROOT, 'data', 'episodes.json'));
  if (!catalog.ok) throw new Error(catalog.error);
  const library = await Library.create(catalog.value, { transcripts: SqliteStore.open(':memory:').transcriptSegments });
  const answer = announcementAnswer(library.get('jerome-petazzoni')!, library.podcast.title);
  const double = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: 60_000, maxMessages: 15 } });
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => 'error' as never, setName() {} };
  // Each "process" has its own Web API client (default retries: 429s are waited out) and its own history budget.
  const processTarget = () => slackAnnouncementTarget(new webApi.WebClient(TOKEN, { slackApiUrl: double.apiUrl, logger: quiet }), { spacingMs: 0 });
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const result = await work();
    const found = result as { ok?: boolean; value?: { messageId?: string } | null };
    if (found.ok !== true || !found.value?.messageId) throw new Error(`the post was not found: ${JSON.stringify(result)}`);
    return Math.round(performance.now() - started);
  };
  try {
    const crashed = processTarget();
    for (const channel of ['C_ONE', 'C_TWO', 'C_THREE']) await crashed.postAnnouncement(channel, answer, `ep:${channel}`);
    const since = new Date(Date.now() - 5 * 60_000);

    say('slack recovery: restarted process, the minute\'s call free');
    const restarted = processTarget();
    const freeMinuteMs = await timed(() => restarted.findAnnouncement!('C_ONE', answer, 'ep:C_ONE', since));
    say('slack recovery: a second recovery in the same process, same minute (waits its turn)');
    const secondRecoveryMs = await timed(() => restarted.findAnnouncement!('C_TWO', answer, 'ep:C_TWO', since));
    say('slack recovery: restarted again at once, the crashed process having just used the minute (429, Retry-After)');
    const again = processTarget();
    const spentMinuteMs = await timed(() => again.findAnnouncement!('C_THREE', answer, 'ep:C_THREE', since));
    const calls = double.callsTo('conversations.history').map((c) => ({ status: c.status, limit: c.body['limit'] }));
    return { freeMinuteMs, spentMinuteMs, secondRecoveryMs, calls };
  } finally {
    await double.close();
  }
}

export function slackRecoveryMarkdown(b: SlackRecoveryBench): string {
  const s = (ms: number) => (ms < 1_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
  return [
    '## Slack: finding an interrupted announcement within conversations.history limits',
    '',
    'The Slack double enforces the limits for apps outside the Marketplace (1 call a minute per workspace, 15 messages a call).',
    '',
    '| look-up after a crash | time until the earlier post is found |',
    '| --- | ---: |',
    `| the minute's call free (the usual case) | ${s(b.freeMinuteMs)} |`,
    `| a second recovery in the same minute (waits its turn) | ${s(b.secondRecoveryMs)} |`,
    `| the crashed process had just used the minute (429, Retry-After waited out) | ${s(b.spentMinuteMs)} |`,
    '',
    `conversations.history calls (status, limit): ${b.calls.map((c) => `${c.status}/${String(c.limit)}`).join(', ')}`,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('slack-recovery.ts')) {
  const say = (line: string) => process.stderr.write(`[slack-recovery] ${line}\n`);
  const bench = await runSlackRecoveryBench(say);
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'slack-recovery.json'), `${JSON.stringify({ machine: machineInfo(), ...bench }, null, 2)}\n`);
  writeFileSync(join(outDir, 'slack-recovery.md'), slackRecoveryMarkdown(bench));
  process.stdout.write(slackRecoveryMarkdown(bench));
}
