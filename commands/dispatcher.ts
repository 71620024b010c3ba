import { emptyAnswer, type Answer } from '../src/core/answer.ts';
import type { Library } from '../src/core/library.ts';
import type { Suggestion } from '../src/core/search/name-index.ts';
import type { CommandRegistry } from './registry.ts';
import type { Invocation } from './types.ts';

/** What the dispatcher needs, passed in. */
export interface DispatcherDeps {
  registry: CommandRegistry;
  library: Library;
  random?: () => number;
  /** Called with an unexpected error and what was being done; the user gets an apology. */
  onError: (err: unknown, context: Record<string, unknown>) => void;
}

/**
 * The one entry point every adapter calls: commands, buttons and
 * autocomplete. An exception never escapes: it is reported to `onError`
 * and the user gets a short apology.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  /** The registry's commands, for registration and help. */
  get commands() {
    return this.deps.registry.commands;
  }

  /** Answers a command. */
  async command(name: string, options: Record<string, string | undefined>, invocation: Invocation): Promise<Answer> {
    try {
      return await this.deps.registry.run(name, options, this.context(invocation));
    } catch (err) {
      this.deps.onError(err, { command: name, options, ...invocation });
      return apologyAnswer();
    }
  }

  /** Answers a button press, given the button's encoded ref. */
  async action(encoded: string, invocation: Invocation): Promise<{ answer: Answer; tag: string }> {
    try {
      return await this.deps.registry.runEncoded(encoded, this.context(invocation));
    } catch (err) {
      this.deps.onError(err, { action: encoded, ...invocation });
      return { answer: apologyAnswer(), tag: '' };
    }
  }

  /** Autocomplete choices; an error yields no choices. */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind']>, limit = 25): Suggestion[] {
    try {
      return this.deps.library.suggest(typed.slice(0, 100), kinds, limit);
    } catch (err) {
      this.deps.onError(err, { autocomplete: typed });
      return [];
    }
  }

  private context(invocation: Invocation) {
    return { library: this.deps.library, random: this.deps.random ?? Math.random, invocation };
  }
}

/** The short apology a user gets when something failed on the bot's side (the error itself is logged). */
export function apologyAnswer(): Answer {
  const answer = emptyAnswer('error', 'Sorry, something went wrong on my side');
  answer.body = ['The problem has been logged. Please try again in a moment.'];
  return answer;
}
