const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/**
 * Turns the `text` of a slash command back into what the person typed.
 * Slack sends `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`; with "escape
 * channels, users and links" on, a picked mention arrives as `<@U123|taylor>`
 * and a link as `<https://…|label>`. Labelled sequences become their label
 * (`@taylor`), a bare link its URL; any other `<…>` stays as text, and is
 * escaped again when shown.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([@#])[A-Z0-9]+\|([^<>|]*)>/g, '$1$2')
    .replace(/<(https?:\/\/[^<>|\s]+)(?:\|([^<>]*))?>/g, (_m, url: string, label?: string) => label || url)
    .replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]!);
}
