import type { types } from '@slack/bolt';
import { clampMrkdwn } from './mrkdwn.ts';

/** Block Kit limits (docs.slack.dev/reference/block-kit); Slack rejects a message that breaks one. */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** Slack truncates longer top-level `text`; 4,000 is the recommended ceiling. */
  fallbackText: 4000,
} as const;

/** A mrkdwn text object within the section limit, sent verbatim (no auto-linking or mention parsing). */
export function mrkdwnObject(escaped: string, max: number = LIMITS.sectionText): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clampMrkdwn(escaped === '' ? ' ' : escaped, max), verbatim: true };
}

/** A section block of escaped mrkdwn. */
export function section(escaped: string): types.SectionBlock {
  return { type: 'section', text: mrkdwnObject(escaped) };
}

/** A context block (small grey text) of escaped mrkdwn. */
export function context(escaped: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwnObject(escaped)] };
}

/**
 * Keeps a message within {@link LIMITS.blocksPerMessage}: when there are too
 * many, the middle is cut and a note says so; the last block (the buttons)
 * is kept when `keepLast` is set.
 */
export function fitBlocks(blocks: types.KnownBlock[], keepLast: boolean): types.KnownBlock[] {
  const max = LIMITS.blocksPerMessage;
  if (blocks.length <= max) return blocks;
  const tail = keepLast ? blocks.slice(-1) : [];
  const head = blocks.slice(0, max - 1 - tail.length);
  return [...head, context('…and more, cut to fit a Slack message.'), ...tail];
}
