import { Routes, type APIUser, type REST } from 'discord.js';

/** The bot's own user id (`GET /users/@me`), asked once and kept; asked again after a failure. */
export function botUser(rest: REST): () => Promise<string> {
  let me: Promise<string> | null = null;
  return () =>
    (me ??= (rest.get(Routes.user()) as Promise<APIUser>)
      .then((u) => u.id)
      .catch((err: unknown) => {
        me = null;
        throw err;
      }));
}
