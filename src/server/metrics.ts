import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Route } from './route.ts';

/** One answer given (what the dispatcher's observer reports). */
export interface AnsweredEvent {
  platform: string;
  command: string;
  via: string;
  outcome: string;
  seconds: number;
}

/** Counts of one delivery round (the announcer's report). */
export interface DeliveredCounts {
  delivered: number;
  failed: number;
  retrying: number;
}

/** Where the gauges read their values, at scrape time. */
export interface MetricSources {
  /** Whether this process leads (polls, announces). */
  leading(): boolean;
  /** Transcripts waiting to be fetched (or retried); null when no feed is followed. */
  transcriptQueue(): number | null | Promise<number | null>;
}

/** The bot's metrics, all named `episode_bot_…`, in a registry of their own. */
export interface BotMetrics {
  readonly registry: Registry;
  answered(event: AnsweredEvent): void;
  /** One poll of a show's feed: `updated`, `not-modified` or `failed`. `show` is the show key, never the feed URL. */
  polled(show: string, outcome: string): void;
  delivered(counts: DeliveredCounts): void;
}

/** Answer latency buckets, in seconds: the 1.5 s answer budget and Discord's and Slack's 3 s deadline among them. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10];

/** Label values are names the bot chose, each of its own shape; anything else becomes `other` (never a URL or a token). */
const WORD = /^[a-z][a-z-]{0,23}$/;
const SHOW_KEY = /^show-[0-9a-f]{10}$/;
const label = (value: string, shape: RegExp = WORD): string => (shape.test(value) ? value : 'other');

/**
 * Creates the metrics in a new registry (never prom-client's global one), with
 * Node's process metrics under the same prefix. No label or value carries a
 * token, a URL or any setting.
 */
export function createBotMetrics(sources: MetricSources): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'episode_bot_' });
  const registers = [registry];
  new Gauge({
    name: 'episode_bot_leader',
    help: '1 on the process that polls the feeds and announces (holds the announcer lease), else 0.',
    registers,
    collect() {
      this.set(sources.leading() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'episode_bot_transcript_queue_length',
    help: 'Transcripts waiting to be fetched or retried.',
    registers,
    async collect() {
      this.set((await sources.transcriptQueue()) ?? 0);
    },
  });
  const commands = new Counter({ name: 'episode_bot_commands_total', help: 'Commands and button presses answered.', labelNames: ['platform', 'command', 'via', 'outcome'], registers });
  const latency = new Histogram({ name: 'episode_bot_answer_seconds', help: 'Time the dispatcher took to make an answer (search included, platform round trips not), by platform and command or button.', labelNames: ['platform', 'via'], buckets: ANSWER_BUCKETS, registers });
  const polls = new Counter({ name: 'episode_bot_feed_polls_total', help: 'Feed polls by show and outcome (failed: the feed could not be fetched or read).', labelNames: ['show', 'outcome'], registers });
  const announcements = new Counter({ name: 'episode_bot_announcements_total', help: 'Announcement deliveries: delivered, failed for good, or failed for now (retrying).', labelNames: ['outcome'], registers });
  for (const outcome of ['delivered', 'failed', 'retrying']) announcements.inc({ outcome }, 0);
  return {
    registry,
    answered(e) {
      const platform = label(e.platform);
      const via = label(e.via);
      commands.inc({ platform, command: label(e.command), via, outcome: label(e.outcome) });
      latency.observe({ platform, via }, e.seconds);
    },
    polled: (show, outcome) => polls.inc({ show: label(show, SHOW_KEY), outcome: label(outcome) }),
    delivered(counts) {
      for (const outcome of ['delivered', 'failed', 'retrying'] as const) if (counts[outcome] > 0) announcements.inc({ outcome }, counts[outcome]);
    },
  };
}

/** `GET /metrics`: the registry in Prometheus' text format. */
export function metricsRoute(registry: Registry): Route {
  return {
    method: 'GET',
    path: '/metrics',
    async handle(_req, res) {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
      res.end(text);
    },
  };
}
