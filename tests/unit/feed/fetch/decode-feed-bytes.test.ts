import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../../src/feed/fetch/decode-feed-bytes.ts';
import { NO_VALIDATORS, fetchFeed } from '../../../../src/feed/fetch/fetch-feed.ts';
import { htmlToText, inlineText } from '../../../../src/feed/html/html-to-text.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';

/** Bytes 0x80–0x9F in windows-1252, from the WHATWG Encoding standard (index-windows-1252); 0x81, 0x8D, 0x8F, 0x90, 0x9D map to themselves. */
const WINDOWS_1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const BYTES_80_9F = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);

/** `text` encoded as windows-1252 (each character its byte). */
function windows1252(text: string): Buffer {
  return Buffer.from([...text].map((c) => {
    const upper = WINDOWS_1252_80_9F.indexOf(c);
    const code = upper >= 0 ? 0x80 + upper : c.charCodeAt(0);
    if (code > 0xff) throw new Error(`${c} is not in windows-1252`);
    return code;
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'episode-bot-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('feeds in windows-1252 and ISO-8859-1', () => {
  it.each([
    ['a Content-Type charset of ISO-8859-1', 'application/rss+xml; charset=ISO-8859-1', ''],
    ['a Content-Type charset of windows-1252', 'text/xml; charset="windows-1252"', ''],
    ['an XML declaration of ISO-8859-1', null, '<?xml version="1.0" encoding="ISO-8859-1"?>'],
    ['an XML declaration of latin1', null, "<?xml version='1.0' encoding='latin1'?>"],
    ['an XML declaration of US-ASCII', null, '<?xml version="1.0" encoding="US-ASCII"?>'],
  ])('decode bytes 0x80–0x9F as curly quotes, dashes and € with %s (not as C1 control characters)', (_, contentType, declaration) => {
    const bytes = Buffer.concat([Buffer.from(`${declaration}<t>`), BYTES_80_9F, Buffer.from('</t>')]);
    expect(decodeFeedBytes(bytes, contentType)).toBe(`${declaration}<t>${WINDOWS_1252_80_9F}</t>`);
  });

  it('decode bytes 0xA0–0xFF as the Latin-1 letters of the same number', () => {
    const bytes = Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i);
    expect(decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1')).toBe(String.fromCharCode(...bytes));
  });

  it('keep “Folge 1” – Grüße € 5 intact from a local ISO-8859-1 feed file to the episode title', async () => {
    const title = '“Folge 1” – Grüße € 5';
    const path = join(dir, 'latin1.xml');
    writeFileSync(path, windows1252(`<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Grüße</title>
<item><guid>g1</guid><title>${title}</title><description>Ein Gespräch — über €</description></item>
</channel></rss>`));
    const fetched = await fetchFeed(path, NO_VALIDATORS);
    if (fetched.kind !== 'fetched') throw new Error(`not fetched: ${JSON.stringify(fetched)}`);
    const parsed = parseFeed(fetched.body, { feedName: 'latin1.xml' });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.feed.episodes[0]).toMatchObject({ title, description: 'Ein Gespräch — über €' });
    expect(parsed.feed.episodes[0]!.title).not.toMatch(/[\u0080-\u009F]/);
  });
});

describe('HTML5 named character references in show notes', () => {
  it('decodes &lrm; and &rlm; instead of leaving them as written', () => {
    expect(htmlToText('<p>App Store: &lrm;1.1.1.1</p>')).toBe('App Store: \u200E1.1.1.1');
    expect(htmlToText('App Store: &lrm;1.1.1.1 &rlm;')).toBe('App Store: \u200E1.1.1.1 \u200F');
  });

  it('decodes every kind of HTML5 reference, in markup and in plain text', () => {
    const refs = '&NotEqualTilde; &bigstar; &check; &hellip; &Lambda; &euro; &#x1F3A7; &#8212;';
    const decoded = '≂̸ ★ ✓ … Λ € 🎧 —';
    expect(htmlToText(`<p>${refs}</p>`)).toBe(decoded);
    expect(htmlToText(refs)).toBe(decoded);
    expect(inlineText(`<b>Folge&nbsp;1</b> &ndash; Gr&uuml;&szlig;e`)).toBe('Folge 1 – Grüße');
  });

  it('leaves an unknown name, and a known name without its semicolon in plain text (a URL like ?a=1&region=us)', () => {
    expect(htmlToText('&notanentity; https://x.example/?a=1&region=us')).toBe('&notanentity; https://x.example/?a=1&region=us');
  });

  it('reaches the episode from a real feed shape: entities inside CDATA and escaped ones outside', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><guid>a</guid><title>Apps &amp;lrm;x</title><description><![CDATA[<p>App Store: &lrm;1.1.1.1</p>]]></description></item>
</channel></rss>`;
    const parsed = parseFeed(xml, { feedName: 'f.xml' });
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.feed.episodes[0]).toMatchObject({ title: 'Apps \u200Ex', description: 'App Store: \u200E1.1.1.1' });
  });
});
