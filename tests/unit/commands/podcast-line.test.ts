import { describe, expect, it } from 'vitest';
import { readMention, readPodcastLine } from '../../../commands/podcast-line.ts';

describe('readPodcastLine: /podcast typed on one line (Slack, console)', () => {
  it('reads follow, subscribe and unfollow lines', () => {
    expect(readPodcastLine({ action: 'follow https://feeds.example/x.xml' })).toMatchObject({ action: 'follow', rest: 'https://feeds.example/x.xml' });
    expect(readPodcastLine({ action: 'subscribe Quokka Ops only:"chaos, k8s" <!subteam^S1|@oncall> <#C0NEWS|news>' })).toMatchObject({
      action: 'subscribe', show: 'Quokka Ops', channel: '<#C0NEWS|news>', only: 'chaos  k8s', mention: '<!subteam^S1|@oncall>',
    });
    expect(readPodcastLine({ action: 'unfollow Quokka Ops remove:true confirm:ab12cd' })).toMatchObject({ action: 'unfollow', rest: 'Quokka Ops', remove: true, confirm: 'ab12cd' });
  });

  it('lets Discord’s own options win', () => {
    expect(readPodcastLine({ action: 'unfollow', show: 'Quokka Ops', remove: 'false' })).toMatchObject({ rest: 'Quokka Ops', remove: false });
  });
});

describe('readMention: exactly a role or a user group', () => {
  it('takes a Discord role on Discord and a Slack user group on Slack', () => {
    expect(readMention('<@&42>', 'discord')).toEqual({ ok: true, value: '<@&42>' });
    expect(readMention('<!subteam^s1|@oncall>', 'slack')).toEqual({ ok: true, value: '<!subteam^S1>' });
    expect(readMention('', 'slack')).toEqual({ ok: true, value: null });
  });

  it.each(['@everyone', '@here', '<!here>', '<!channel>', '<@123>', '<@&42> <@&43>'])('refuses %s', (text) => {
    expect(readMention(text, 'discord').ok).toBe(false);
    expect(readMention(text, 'slack').ok).toBe(false);
  });
});
