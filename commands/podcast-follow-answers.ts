import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { formatDate } from '../src/core/answers/format.ts';
import type { FollowOutcome, UnfollowOutcome } from './podcast-follows.ts';
import { when } from './podcast-status.ts';

/** The answer to `/podcast follow`: what was found, or exactly what went wrong (nothing was stored then). */
export function followAnswer(o: FollowOutcome): Answer {
  switch (o.kind) {
    case 'followed': {
      const newest = o.newest ? `, newest on ${formatDate(o.newest)}` : '';
      const transcripts = o.transcripts > 0 ? `; transcripts for ${o.transcripts}` : '';
      return notice(`Following “${o.title}”`, [
        `Following “${o.title}” — ${o.episodes} episode(s)${newest}${transcripts}.`,
        'Its episodes become searchable within seconds; new ones are announced in the channels subscribed to every show (or to this one: /podcast subscribe). The back catalog is not posted.',
        `Feed: ${o.feedUrl}`,
      ]);
    }
    case 'choose': {
      const a = notice(`Podcasts matching “${o.term}”`, ['Which one? Follow it with the command under it:']);
      a.sections = o.matches.map((m, i) => ({
        title: `${i + 1}. ${m.title}${m.author ? ` — ${m.author}` : ''}`,
        lines: [`Feed: ${m.feedUrl}`, `/podcast follow ${o.term} #${i + 1}`],
      }));
      a.suggestions = o.matches.slice(0, 3).map((_m, i) => `/podcast follow ${o.term} #${i + 1}`);
      return a;
    }
    case 'no-match':
      return problem(`No podcast found for “${o.term}”`, [
        o.problem ? `“${o.term}” is not a URL, and ${o.problem}.` : `“${o.term}” is not a URL, and the podcast directory knows no podcast by that name.`,
        'Give the feed’s URL (https://…), or another name.',
      ]);
    case 'not-a-url':
      return problem('That is not a feed URL', [`“${o.text.slice(0, 100)}”: ${o.why}. Give the feed’s http(s) URL, or the podcast’s name.`]);
    case 'fetch-failed':
      return problem(o.refused ? 'That address is refused' : 'The feed could not be fetched', [o.error, 'Nothing was stored.']);
    case 'not-a-feed':
      return problem('That is not a podcast feed', [`The URL answered with ${o.what}, not an RSS feed.`, o.detail, 'Nothing was stored.']);
    case 'already':
      return notice('Already followed', [
        o.origin === 'setting'
          ? `“${o.title}” is followed already: it is in the operator’s FEED_URL setting.`
          : `“${o.title}” has been followed since ${when(o.since)}${o.by ? ` (by user ${o.by})` : ''}.`,
      ]);
    case 'limit':
      return problem('Too many feeds followed', [
        o.max === 0 ? 'Following feeds from chat is turned off (MAX_FOLLOWED_FEEDS=0).' : `The bot follows ${o.max} feeds from chat already, the most MAX_FOLLOWED_FEEDS allows. Unfollow one first (/podcast unfollow <show>).`,
      ]);
  }
}

/** The answer to `/podcast unfollow`. */
export function unfollowAnswer(o: UnfollowOutcome): Answer {
  switch (o.kind) {
    case 'unfollowed':
      return notice(`Unfollowed “${o.title}”`, [`“${o.title}” is no longer polled; its episodes stay searchable. To remove them too: /podcast unfollow ${o.title} remove:true`]);
    case 'confirm':
      return notice(`Remove “${o.title}” for good?`, [
        `This stops following “${o.title}” and deletes its ${o.episodes} episode(s) and ${o.transcripts} transcript(s)${o.subscriptions > 0 ? `, and ${o.subscriptions} subscription(s) that get only this show` : ''}. It cannot be undone.`,
        `To confirm, run: /podcast unfollow ${o.title} remove:true confirm:${o.code}`,
      ]);
    case 'removed':
      return notice(`Removed “${o.title}”`, [`Deleted ${o.episodes} episode(s), ${o.transcripts} transcript(s) and ${o.subscriptions} subscription(s) of “${o.title}”.`]);
    case 'operator':
      return problem('Set by the operator', [`“${o.title}” comes from the FEED_URL setting: it stays followed. The operator can remove it there.`]);
    case 'unknown':
      return problem(o.text ? `No followed show matches “${o.text.slice(0, 80)}”` : 'Which show?', [
        o.followed.length > 0 ? `Followed from chat: ${o.followed.join(' · ')}.` : 'No show is followed from chat.',
      ]);
  }
}

function notice(headline: string, body: string[]): Answer {
  const a = emptyAnswer('notice', headline);
  a.body = body;
  return a;
}

function problem(headline: string, body: string[]): Answer {
  const a = emptyAnswer('error', headline);
  a.body = body;
  return a;
}
