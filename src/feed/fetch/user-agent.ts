import packageJson from '../../../package.json' with { type: 'json' };

/** `User-Agent` sent with every feed request, so publishers can see who polls them. */
export const FEED_USER_AGENT = `episode-bot/${packageJson.version} (+feed poller)`;
