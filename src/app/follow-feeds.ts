import { announcementAnswer } from '../core/answers/announcement.ts';
import type { ConsoleChat } from '../adapters/console/console-chat.ts';
import { ANSI, PLAIN } from '../adapters/console/render-text.ts';
import type { AnnouncementTarget } from '../announcing/announcement-target.ts';
import type { Announcer, DeliveryReport } from '../announcing/announcer.ts';
import type { FeedNetwork } from '../following/feed-network.ts';
import type { TranscriptQueue } from '../following/transcripts/transcript-queue.ts';
import type { Catalog } from '../core/model/catalog-schema.ts';
import type { Result } from '../core/model/result.ts';
import type { UrlFetcher } from '../feed/fetch/fetchers.ts';
import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { Bot } from './build-bot.ts';
import { progressThrottle } from './progress-throttle.ts';

/** The followed feeds and their transcripts, to stop together. */
export interface Following {
  /** Whether this process holds the announcer lease (polls, fetches transcripts, announces). */
  leading(): boolean;
  /** Stops polling and fetching, waits for the cycle in progress and gives the lease up. */
  stop(): Promise<void>;
}

/** What the metrics want to hear of the feeds: each poll's outcome, each delivery round's counts. */
export interface FeedObserver {
  polled(show: string, outcome: string): void;
  delivered(report: DeliveryReport): void;
}

/**
 * Background transcript fetching (src/following/transcripts/transcript-queue.ts), with a
 * progress line in the console every few seconds and when it is done.
 * Segments go to the library's transcript index, in the bot's database:
 * searchable at once, and kept across restarts.
 */
async function startTranscripts(bot: Bot, network: FeedNetwork, chat: ConsoleChat | null, fetch: UrlFetcher): Promise<TranscriptQueue> {
  const [{ TranscriptQueue }, { progressLine }] = await Promise.all([
    import('../following/transcripts/transcript-queue.ts'),
    import('../following/transcripts/transcript-progress.ts'),
  ]);
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const shouldPrint = progressThrottle();
  const queue = new TranscriptQueue(
    {},
    {
      store: bot.store!,
      sink: bot.library.transcripts,
      // Transcript URLs are found inside feeds: never trusted (see src/feed/fetch/fetchers.ts).
      fetch,
      log: bot.log.child({ part: 'transcripts' }),
      isLeader: () => network.leadership.leading,
      shows: () => network.feeds.map((f) => f.showKey),
      onProgress: (p) => {
        if (!shouldPrint(p.idle)) return;
        chat?.print(style.dim(progressLine(p)) + '\n');
        if (p.idle) bot.log.info({ ...p }, 'transcripts fetched for now');
      },
    },
  );
  await queue.start();
  return queue;
}

/**
 * Follows the feeds: the operator's (FEED_URL) and those followed from chat,
 * read from the store on every sync, whenever the bot has a store; their
 * modules (XML and HTML parsing, transcripts) are loaded only then (faster console starts).
 */
export async function followFeeds(bot: Bot, targets: AnnouncementTarget[], chat: ConsoleChat | null, observer?: FeedObserver): Promise<Following | null> {
  const { config, store, library, log, shows } = bot;
  if (!store) return null;
  const [{ fetchers }, { Announcer }, { catalogOverlay }, { FeedNetwork }, { showKeyOf }, { applyFollowed }, { loadCatalogFile }, { ReplicaSync }] = await Promise.all([
    import('../feed/fetch/fetchers.ts'),
    import('../announcing/announcer.ts'),
    import('../feed/overlay/catalog-overlay.ts'),
    import('../following/feed-network.ts'),
    import('../core/model/show-key.ts'),
    import('../library/followed-catalog.ts'),
    import('../library/catalog-file.ts'),
    import('../following/replica-sync.ts'),
  ]);
  const fetch = fetchers(config.ALLOW_PRIVATE_FEED_URLS);
  const overlay = bot.overlay ?? catalogOf(loadCatalogFile(config.CATALOG_PATH));
  const announcer = new Announcer(store, library, log, undefined, (ep) => shows.titleOf(ep) || library.podcast.title, (ep) => shows.get(shows.keyOf(ep))?.podcast.imageUrl ?? null);
  for (const target of targets) announcer.addTarget(target);
  const pause = config.TEST_PAUSE_AFTER_CLAIM;
  if (pause) {
    announcer.afterClaim = async (delivery) => {
      log.warn({ ...delivery, pauseMs: pause }, 'claimed a delivery; pausing before the post (TEST_PAUSE_AFTER_CLAIM)');
      await new Promise((r) => setTimeout(r, pause));
    };
  }
  if (observer) observeDeliveries(announcer, observer);
  let transcripts: TranscriptQueue | null = null;
  // What other processes store (episodes, transcripts, shows) reaches this one's answers within seconds.
  const replica = new ReplicaSync(
    { store, library, leading: (): boolean => network.leadership.leading, showsChanged: (): Promise<unknown> => network.sync(), leaseReleased: (): Promise<unknown> => network.leadership.tick(), log },
    bot.loadedVersions ?? (await store.changes.versions()),
  );
  const network = new FeedNetwork(
    { feedUrls: bot.feedUrls, intervalMs: config.FEED_POLL_INTERVAL, leadership: { ttlMs: config.LEASE_TTL, heartbeatMs: config.LEASE_HEARTBEAT }, announceOnFirstPoll: config.ANNOUNCE_ON_FIRST_POLL, maxBacklog: config.ANNOUNCE_MAX_BACKLOG },
    {
      store,
      library,
      announcer,
      fetch: fetch.operator,
      fetchUntrusted: fetch.untrusted,
      log,
      episodes: replica.cursor,
      ...(overlay ? { overlay: catalogOverlay(overlay) } : {}),
      onShow: (show) => shows.put({ ...show, followed: true }),
      onFollowed: (feeds) => {
        applyFollowed(feeds, library, shows, store.shows)
          .then((gaveWay) => gaveWay && log.info('a feed is followed: the shipped demo catalog gives way to the followed feeds'))
          .catch((err: unknown) => log.error({ err }, 'could not update the shows after a follow'));
      },
      afterPoll: (feedUrl, report) => {
        if (report) observer?.polled(showKeyOf(feedUrl), report.outcome);
        if (report) transcripts?.wake();
      },
      onAnnounce: (episodes) => {
        for (const ep of episodes) chat?.announce(announcementAnswer(ep, shows.titleOf(ep)));
      },
    },
  );
  transcripts = await startTranscripts(bot, network, chat, fetch.untrusted);
  bot.followsChanged.notify = () => {
    network.sync().catch((err: unknown) => log.error({ err }, 'could not read the followed feeds'));
  };
  network.start();
  const feeds = await network.sync();
  replica.start();
  if (feeds.length > 0) log.info({ feeds: feeds.map((f) => safeUrl(f.feedUrl)), every: `${config.FEED_POLL_INTERVAL / 1000}s` }, `following ${feeds.length} feed(s)`);
  return {
    leading: () => network.leadership.leading,
    async stop() {
      replica.stop();
      await network.stop();
      await transcripts?.stop();
    },
  };
}

function catalogOf(loaded: Result<Catalog>): Catalog | null {
  return loaded.ok ? loaded.value : null;
}

/** Tells `observer` of every delivery round's report (the announcer's own `deliver`, wrapped). */
function observeDeliveries(announcer: Announcer, observer: FeedObserver): void {
  const deliver = announcer.deliver.bind(announcer);
  announcer.deliver = async (stillLeading, fence) => {
    const report = await deliver(stillLeading, fence);
    observer.delivered(report);
    return report;
  };
}
