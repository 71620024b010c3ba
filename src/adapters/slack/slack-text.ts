const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/**
 * Turns the `text` of a slash command back into what the person typed.
 * Slack sends `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`; for a command with
 * "escape channels, users and links" on (those taking a channel), a mention
 * arrives as `<@U123|taylor>` and a link as `<https://…|label>`: these become
 * `@taylor` and the label (a bare link its URL). Channel references
 * (`<#C123|general>`) are kept whole for the command to read the id; any
 * other `<…>` stays as text, escaped again when shown.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9_]+\|([^<>|]*)>/g, '@$1')
    .replace(/<(https?:\/\/[^<>|\s]+)(?:\|([^<>]*))?>/g, (_m, url: string, label?: string) => label || url)
    .replace(/&(lt|gt|amp);/g, (entity) => ENTITIES[entity]!);
}
