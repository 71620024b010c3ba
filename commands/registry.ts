import { decodeActionRef } from '../src/core/answers/action-ref.ts';
import { emptyAnswer, type ActionRef, type Answer } from '../src/core/answers/answer.ts';
import { episodeCommand } from './episode.ts';
import { guestCommand } from './guest.ts';
import { catalogExamples } from './catalog-examples.ts';
import { helpAnswer, helpCommand } from './help.ts';
import { latestCommand } from './latest.ts';
import { randomCommand } from './random.ts';
import { recommendCommand, similarAnswer } from './recommend.ts';
import { unknownCommandAnswer } from './miss.ts';
import { UNKNOWN_COMMAND_REST } from './parse-command-line.ts';
import { showById } from './show.ts';
import type { CommandContext, CommandDefinition } from './types.ts';

/**
 * The bot's commands: the podcast commands plus any extra ones (such as
 * `/podcast`, which needs storage) and `/help` listing them all.
 */
export class CommandRegistry {
  readonly commands: readonly CommandDefinition[];
  private readonly title: () => string;

  constructor(podcastTitle: () => string, extra: readonly CommandDefinition[] = []) {
    const list: CommandDefinition[] = [episodeCommand, latestCommand, guestCommand, randomCommand, recommendCommand, ...extra];
    list.push(helpCommand(() => this.commands, podcastTitle));
    this.commands = list;
    this.title = podcastTitle;
  }

  /** The command with this name (without the slash), if any. */
  find(name: string): CommandDefinition | undefined {
    return this.commands.find((c) => c.name === name.replace(/^\//, '').toLowerCase());
  }

  /** Runs a command by name; an unknown name gets the help text. */
  async run(name: string, options: Record<string, string | undefined>, ctx: CommandContext, page = 0): Promise<Answer> {
    const command = this.find(name);
    if (!command) return this.unknown(name, options[UNKNOWN_COMMAND_REST] ?? '', ctx);
    if (command.requiresManage && !ctx.invocation.canManage) return refusal(command.name);
    return command.run({ options, page }, ctx);
  }

  /** Produces the answer a button's ref stands for. */
  async runRef(ref: ActionRef, ctx: CommandContext): Promise<Answer> {
    switch (ref.command) {
      case 'episode':
        return this.run('episode', { query: ref.arg, show: ref.show }, ctx, ref.page);
      case 'latest':
        return this.run('latest', { show: ref.show }, ctx, ref.page);
      case 'guest':
        return this.run('guest', { name: ref.arg }, ctx, ref.page);
      case 'recommend':
        return this.run('recommend', { episode: ref.arg }, ctx, ref.page);
      case 'random':
        return this.run('random', { show: ref.show }, ctx);
      case 'show':
        return showById(ctx, ref.arg);
      case 'similar': {
        const ep = ctx.library.get(ref.arg);
        return ep ? similarAnswer(ctx, ep, null) : showById(ctx, ref.arg);
      }
    }
  }

  /** Decodes a button's id and answers it; a stale or unknown button gets a polite answer. */
  async runEncoded(encoded: string, ctx: CommandContext): Promise<{ answer: Answer; tag: string }> {
    const decoded = decodeActionRef(encoded);
    if (!decoded.ok) {
      const answer = emptyAnswer('notice', 'That button has expired');
      answer.body = [decoded.error, 'Run the command again to get fresh results.'];
      answer.suggestions = ['/episode', '/latest', '/help'];
      return { answer, tag: '' };
    }
    return { answer: await this.runRef(decoded.value.ref, ctx), tag: decoded.value.tag };
  }

  private unknown(name: string, rest: string, ctx: CommandContext): Answer {
    const close = unknownCommandAnswer(name, rest, this.commands);
    if (close) return close;
    const shown = name.replace(/^\//, '').slice(0, 40);
    return helpAnswer(this.commands, this.title(), catalogExamples(ctx.library), shown ? `I don’t know “/${shown}”. Here is what I can do:` : undefined);
  }
}

function refusal(name: string): Answer {
  const answer = emptyAnswer('error', `Only server managers can use /${name}`);
  answer.body = ['Ask someone with the Manage Server permission (on Slack: a workspace admin) to run it.'];
  return answer;
}
