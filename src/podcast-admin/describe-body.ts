/**
 * What a body that is not a feed is, in a few words for an answer: "nothing"
 * (empty), "an HTML page" (with its title), "JSON", "XML that is not a podcast
 * feed", or "text that is not a feed".
 */
export function describeBody(body: string): string {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '') return 'nothing (an empty answer)';
  const head = text.slice(0, 2048).replace(/<!--[\s\S]*?-->/g, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body)[\s>]/.test(head)) {
    const title = /<title[^>]*>([^<]{1,80})/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim();
    return title ? `an HTML page (“${title}”)` : 'an HTML page';
  }
  if (/^[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return 'JSON';
    } catch {
      // not JSON after all
    }
  }
  if (text.startsWith('<')) return 'XML that is not a podcast feed';
  return 'text that is not a feed';
}
