import { afterEach, describe, expect, it } from 'vitest';
import {
  blockText,
  buttonsOf,
  closeHarness,
  commandAnswer,
  startAdapterHarness,
  type AdapterHarness,
} from '../../doubles/slack/adapter-harness.ts';

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

async function episodeChaos(bot: AdapterHarness): Promise<Record<string, unknown>> {
  return (await commandAnswer(bot, await bot.command('chaos', { command: '/episode' }))).message;
}

/** The action id of the button with this label. */
function button(message: Record<string, unknown>, label: string): string {
  const found = buttonsOf(message).find((b) => b.text === label);
  if (!found) throw new Error(`no "${label}" button among ${buttonsOf(message).map((b) => b.text).join(', ')}`);
  return found.action_id;
}

/** Presses a button of an ephemeral message (Slack sends no `message` then) and returns every body posted back. */
async function press(bot: AdapterHarness, actionId: string, count = 1, ephemeral = true): Promise<Record<string, unknown>[]> {
  const { res, responseId } = await bot.press(actionId, ephemeral ? { message: null } : {});
  expect(res.status).toBe(200);
  expect(res.body).toBe('');
  await bot.double.waitForCall('response_url', (c) => bot.double.responsesTo(responseId).length >= count);
  return bot.double.responsesTo(responseId);
}

describe('Slack buttons', () => {
  it('replaces the message with page 2 when Next page is pressed', async () => {
    h = await startAdapterHarness();
    const first = await episodeChaos(h);

    const [page2] = await press(h, button(first, 'Next page'));

    expect(page2).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    const text = blockText(page2!);
    expect(text).toContain('Page 2 of 2 · 7 results');
    expect(text.split('\n')[1]).toMatch(/^\u200B\*6\. /);
    expect(buttonsOf(page2!).map((b) => b.text)).toEqual(['Previous page', 'Similar episodes', 'Share in channel']);
  });

  it('keeps a button working after a restart: the button carries its whole ref', async () => {
    h = await startAdapterHarness();
    const next = button(await episodeChaos(h), 'Next page');
    await h.close();
    h = await startAdapterHarness();

    const [page2] = await press(h, next);

    expect(blockText(page2!)).toContain('Page 2 of 2 · 7 results');
  });

  it('posts the answer in the channel, then deletes the private copy, when Share in channel is pressed', async () => {
    h = await startAdapterHarness();
    const first = await episodeChaos(h);

    const [shared, deletion] = await press(h, button(first, 'Share in channel'), 2);

    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false, unfurl_links: false });
    expect(shared!['text']).toBe(first['text']);
    expect(blockText(shared!)).toContain('Shared by <@U_USER>');
    expect(buttonsOf(shared!).map((b) => b.text)).toEqual(['Next page', 'Similar episodes']);
    expect(deletion).toEqual({ delete_original: true });
  });

  it('replaces the results with recommendations and their reasons when Similar episodes is pressed', async () => {
    h = await startAdapterHarness();
    const first = await episodeChaos(h);

    const [similar] = await press(h, button(first, 'Similar episodes'));

    expect(similar).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(blockText(similar!).split('\n')[0]).toBe('\u200B*If you liked “Taylor Dolezal”*\u200B');
    expect(blockText(similar!)).toMatch(/\n_Also about .+_\n/);
    expect(buttonsOf(similar!).map((b) => b.text)).toEqual(['Share in channel']);
  });

  it('replaces the pick with another random episode, not the same one, when Another one is pressed', async () => {
    h = await startAdapterHarness();
    const pick = (await commandAnswer(h, await h.command('', { command: '/random' }))).message;

    const [another] = await press(h, button(pick, 'Another one'));

    expect(another).toMatchObject({ replace_original: true });
    // The harness's randomness is fixed (always the first left), so only the deck tells the picks apart.
    expect(blockText(pick).split('\n')[0]).toBe('\u200B*Random pick: Maxim Fateev and Samar Abbas*\u200B');
    expect(blockText(another!).split('\n')[0]).toBe('\u200B*Random pick: John Martinez*\u200B');
  });

  it('answers a button from an older bot version in a new private message, leaving the results alone', async () => {
    h = await startAdapterHarness();

    const [notice] = await press(h, '0:e:1:chaos');

    expect(notice).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(blockText(notice!)).toContain('That button has expired');
    expect(blockText(notice!)).toContain('This button is from an older version of the bot.');
  });

  it('pages an in-channel message in place, in the channel, without offering to share it again', async () => {
    h = await startAdapterHarness({ ephemeral: false });
    const first = await episodeChaos(h);

    const [page2] = await press(h, button(first, 'Next page'), 1, false);

    expect(page2).toMatchObject({ replace_original: true, response_type: 'in_channel' });
    expect(buttonsOf(page2!).map((b) => b.text)).toEqual(['Previous page', 'Similar episodes']);
  });

  it('acks and ignores a button that is not its own, so Slack shows no error and nothing is posted', async () => {
    h = await startAdapterHarness();

    const { res, responseId } = await h.press('someone_elses_button');

    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.double.responsesTo(responseId)).toEqual([]);
    expect(h.logs.some((l) => l.msg === 'ignored a Slack action that is not a bot button' && l['action'] === 'someone_elses_button')).toBe(true);
  });
});
