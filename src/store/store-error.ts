/**
 * Raised when the store cannot be used; the message names the database and what to do.
 * `location`: it cannot be created or opened where the setting says (a setting to fix);
 * `content`: it is there but unusable (for example a schema newer than this episode-bot).
 */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly kind: 'location' | 'content' = 'content',
  ) {
    super(message);
  }
}
