/**
 * How long a chat adapter waits for an answer before it acknowledges the
 * platform without it. Discord and Slack both want an acknowledgement
 * within 3 seconds; an answer ready within this budget rides on that
 * acknowledgement (Discord's interaction callback, Slack's `ack()` body),
 * a slower one is sent after an empty acknowledgement (Discord defers, Slack
 * answers through `response_url`). One value for both platforms.
 */
export const ANSWER_BUDGET_MS = 1_500;

/**
 * Waits for `work`; when it has not settled after `ms`, runs `onSlow` (e.g.
 * defers the interaction, which Discord needs within 3 seconds) and keeps
 * waiting. Says whether `onSlow` ran. A rejection of `work` is passed on.
 */
export async function deferIfSlow<T>(work: Promise<T>, ms: number, onSlow: () => Promise<unknown>): Promise<{ value: T; deferred: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => {
    timer = setTimeout(() => resolve('slow'), ms);
  });
  try {
    const first = await Promise.race([work.then(() => 'done' as const), slow]);
    if (first === 'slow') await onSlow();
    return { value: await work, deferred: first === 'slow' };
  } finally {
    clearTimeout(timer);
  }
}
