import { decodeActionRef } from '../src/core/answers/action-ref.ts';
import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { storeUnavailableAnswer } from '../src/core/answers/unavailable.ts';
import type { Library } from '../src/core/search/library.ts';
import type { Suggestion } from '../src/core/search/name-index.ts';
import { RandomDeck } from './random-deck.ts';
import { ShowDirectory } from '../src/core/model/shows.ts';
import type { CommandRegistry } from './registry.ts';
import type { Invocation } from './types.ts';

/** What the dispatcher needs, passed in. */
export interface DispatcherDeps {
  registry: CommandRegistry;
  library: Library;
  /** The shows (several feeds); default: the library's one podcast. */
  shows?: ShowDirectory;
  random?: () => number;
  /** What /random has shown where (default: a new, empty one). */
  deck?: RandomDeck;
  /** Called with an unexpected error and what was being done; the user gets an apology. */
  onError: (err: unknown, context: Record<string, unknown>) => void;
  /**
   * Whether an error says the bot's database is unreachable (src/app knows its
   * errors): the user is told the command cannot be done just now instead of
   * getting the apology, and `onUnavailable` (not `onError`) hears of it.
   */
  isUnavailable?: (err: unknown) => boolean;
  /** Called with an error `isUnavailable` accepted (the app logs it once per outage). */
  onUnavailable?: (err: unknown) => void;
  /** Told of every answer given (metrics); never of autocomplete look-ups. An exception it throws is ignored. */
  observe?: (event: AnswerEvent) => void;
}

/** One answer the dispatcher gave: what, where, how it went and how long it took. */
export interface AnswerEvent {
  platform: Invocation['platform'];
  /** The command (a button's command); `unknown` for a name no command has, `expired` for a button that cannot be read. */
  command: string;
  via: 'command' | 'button';
  /** `error`: something failed and the user got the apology; `unavailable`: the database was unreachable and the user was told so. */
  outcome: 'answered' | 'error' | 'unavailable';
  seconds: number;
}

/** Why a command is run: to answer someone, or to fill an autocomplete list (not counted as an answer). */
export type CommandPurpose = 'answer' | 'autocomplete';

/**
 * The one entry point every adapter calls: commands, buttons and
 * autocomplete. An exception never escapes: it is reported to `onError`
 * and the user gets a short apology.
 */
export class Dispatcher {
  private readonly deck: RandomDeck;
  private readonly shows: ShowDirectory;

  constructor(private readonly deps: DispatcherDeps) {
    this.deck = deps.deck ?? new RandomDeck();
    this.shows = deps.shows ?? ShowDirectory.single(deps.library.podcast);
  }

  /** The registry's commands, for registration and help. */
  get commands() {
    return this.deps.registry.commands;
  }

  /** Answers a command. */
  async command(name: string, options: Record<string, string | undefined>, invocation: Invocation, purpose: CommandPurpose = 'answer'): Promise<Answer> {
    const started = performance.now();
    const command = this.deps.registry.find(name)?.name ?? 'unknown';
    try {
      const answer = this.labelShows(await this.deps.registry.run(name, options, this.context(invocation)));
      if (purpose === 'answer') this.observed(invocation, command, 'command', 'answered', started);
      return answer;
    } catch (err) {
      const unavailable = this.failed(err, { command: name, options, ...invocation });
      if (purpose === 'answer') this.observed(invocation, command, 'command', unavailable ? 'unavailable' : 'error', started);
      return unavailable ? storeUnavailableAnswer() : apologyAnswer();
    }
  }

  /** Answers a button press, given the button's encoded ref. */
  async action(encoded: string, invocation: Invocation): Promise<{ answer: Answer; tag: string }> {
    const started = performance.now();
    const decoded = decodeActionRef(encoded);
    const command = decoded.ok ? decoded.value.ref.command : 'expired';
    try {
      const done = await this.deps.registry.runEncoded(encoded, this.context(invocation));
      this.observed(invocation, command, 'button', 'answered', started);
      return { ...done, answer: this.labelShows(done.answer) };
    } catch (err) {
      const unavailable = this.failed(err, { action: encoded, ...invocation });
      this.observed(invocation, command, 'button', unavailable ? 'unavailable' : 'error', started);
      return { answer: unavailable ? storeUnavailableAnswer() : apologyAnswer(), tag: '' };
    }
  }

  /** Autocomplete choices; an error yields no choices. */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind'] | 'show' | 'directory'>, limit = 25): Array<Suggestion | ShowSuggestion> {
    try {
      if (kinds.includes('show')) return this.shows.suggest(typed.slice(0, 100), limit).map((s) => ({ label: s.podcast.title, value: s.key, kind: 'show' as const }));
      return this.deps.library.suggest(typed.slice(0, 100), kinds.filter((k): k is Suggestion['kind'] => k !== 'show' && k !== 'directory'), limit);
    } catch (err) {
      this.deps.onError(err, { autocomplete: typed });
      return [];
    }
  }

  /** Choices a command computes itself for an option (a podcast directory's matches); none on error. */
  async complete(command: string, option: string, typed: string): Promise<Array<{ label: string; value: string }>> {
    try {
      return (await this.deps.registry.find(command)?.complete?.(option, typed.slice(0, 100))) ?? [];
    } catch (err) {
      this.deps.onError(err, { autocomplete: typed, command, option });
      return [];
    }
  }

  /** Reports a command's error; true when it says the database is unreachable. */
  private failed(err: unknown, context: Record<string, unknown>): boolean {
    if (this.deps.isUnavailable?.(err)) {
      this.deps.onUnavailable?.(err);
      return true;
    }
    this.deps.onError(err, context);
    return false;
  }

  private observed(invocation: Invocation, command: string, via: AnswerEvent['via'], outcome: AnswerEvent['outcome'], started: number): void {
    try {
      this.deps.observe?.({ platform: invocation.platform, command, via, outcome, seconds: (performance.now() - started) / 1000 });
    } catch {
      // Metrics never cost an answer.
    }
  }

  /** With several shows, each episode of an answer says which show it is from; an episode without artwork shows its show's. */
  private labelShows(answer: Answer): Answer {
    for (const ep of answer.episodes) {
      const episode = this.deps.library.get(ep.id);
      if (!episode) continue;
      if (this.shows.multiple) ep.show = this.shows.titleOf(episode) || null;
      const art = ep.imageUrl ?? this.shows.get(this.shows.keyOf(episode))?.podcast.imageUrl;
      if (art) ep.imageUrl = art;
    }
    return answer;
  }

  private context(invocation: Invocation) {
    return { library: this.deps.library, shows: this.shows, random: this.deps.random ?? Math.random, deck: this.deck, invocation };
  }
}

/** An autocomplete choice for a show option: its title, standing for its key. */
export interface ShowSuggestion {
  label: string;
  value: string;
  kind: 'show';
}

/** The short apology a user gets when something failed on the bot's side (the error itself is logged). */
export function apologyAnswer(): Answer {
  const answer = emptyAnswer('error', 'Sorry, something went wrong on my side');
  answer.body = ['The problem has been logged. Please try again in a moment.'];
  return answer;
}
