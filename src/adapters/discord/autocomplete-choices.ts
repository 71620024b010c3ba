import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { CommandOption, Invocation, Suggestion } from '../../../commands/types.ts';
import { LIMITS } from './discord-limits.ts';
import { clip, plainText } from './discord-text.ts';
import type { DiscordDispatcher } from './handler-deps.ts';

/** One autocomplete choice as Discord takes it. */
export type Choice = ApplicationCommandOptionChoiceData<string>;

/**
 * Choices for what someone is typing into `option`: matching titles and
 * guest names, then (for episode options) the episodes a search finds, e.g.
 * "kub" → the episode with the Kubernetes chapter. With nothing typed yet,
 * the latest episodes (their guests for a guest option). At most 25, deduplicated, names and
 * values within 100 characters (values within the option's `maxLength`).
 */
export async function autocompleteChoices(
  dispatcher: DiscordDispatcher,
  option: CommandOption,
  typed: string,
  invocation: Invocation,
  commandName = '',
): Promise<Choice[]> {
  if (!option.autocomplete) return [];
  if (option.autocomplete.includes('directory')) {
    const found = (await dispatcher.complete?.(commandName, option.name, typed)) ?? [];
    return toChoices(found.map((f) => ({ ...f, kind: 'show' as const })), ['show'], Math.min(option.maxLength, LIMITS.choiceValue));
  }
  if (option.autocomplete.includes('show')) {
    return toChoices(dispatcher.suggest(typed.trim(), ['show'], LIMITS.choices), ['show'], Math.min(option.maxLength, LIMITS.choiceValue));
  }
  const kinds = option.autocomplete.filter((k): k is Suggestion['kind'] => k !== 'show' && k !== 'directory');
  const text = typed.trim();
  const suggestions = text
    ? [...dispatcher.suggest(text, kinds, LIMITS.choices), ...(kinds.includes('episode') ? await searched(dispatcher, text, invocation) : [])]
    : await latest(dispatcher, kinds, invocation);
  return toChoices(suggestions, kinds, Math.min(option.maxLength, LIMITS.choiceValue));
}

// Episodes a search for the typed text finds, labelled with the matched chapter.
async function searched(dispatcher: DiscordDispatcher, text: string, invocation: Invocation): Promise<Suggestion[]> {
  const answer = await dispatcher.command('episode', { query: text }, invocation, 'autocomplete');
  if (answer.kind !== 'episodes') return [];
  return answer.episodes.map((ep) => ({
    label: ep.chapter ? `${ep.title} · ${ep.chapter.title}` : ep.title,
    value: ep.id,
    kind: 'episode' as const,
  }));
}

// For an empty input: the latest episodes, or for a guest option, their guests.
async function latest(dispatcher: DiscordDispatcher, kinds: readonly Suggestion['kind'][], invocation: Invocation): Promise<Suggestion[]> {
  const answer = await dispatcher.command('latest', {}, invocation, 'autocomplete');
  if (kinds.includes('episode')) return answer.episodes.map((ep) => ({ label: ep.title, value: ep.id, kind: 'episode' as const }));
  return answer.episodes.flatMap((ep) => ep.guests.map((name) => ({ label: name, value: name, kind: 'guest' as const })));
}

function toChoices(
  suggestions: ReadonlyArray<{ label: string; value: string; kind: Suggestion['kind'] | 'show' }>,
  kinds: ReadonlyArray<Suggestion['kind'] | 'show'>,
  maxValue: number,
): Choice[] {
  const choices: Choice[] = [];
  const seen = new Set<string>();
  for (const s of suggestions) {
    const label = kinds.length > 1 && s.kind === 'guest' ? `${s.label} (guest)` : s.label;
    const name = clip(plainText(label.replace(/\s+/g, ' ').trim()), LIMITS.choiceName);
    if (!name || !s.value || s.value.length > maxValue || seen.has(`v:${s.value}`) || seen.has(`n:${name}`)) continue;
    seen.add(`v:${s.value}`).add(`n:${name}`);
    choices.push({ name, value: s.value });
    if (choices.length === LIMITS.choices) break;
  }
  return choices;
}
