import { createInterface, type Interface } from 'node:readline';
import type { Answer, AnswerAction } from '../../core/answer.ts';
import { encodeActionRef } from '../../core/action-ref.ts';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import type { Invocation } from '../../../commands/types.ts';
import type { ChatAdapter } from '../adapter.ts';
import { PLAIN, renderText, type TextStyle } from './render-text.ts';

/** Where the console chat reads and writes. */
export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  style?: TextStyle;
  /** Show a prompt and a greeting (an interactive terminal). */
  interactive?: boolean;
  greeting?: string;
}

const SHORTCUTS: Record<string, AnswerAction['kind']> = { n: 'next', p: 'previous', s: 'similar', a: 'another' };
const INVOCATION: Invocation = { platform: 'console', userId: 'console', channelId: 'console', serverId: null, canManage: true };

/**
 * The console chat: type `/episode chaos` and read the answer. After an
 * answer, `n`/`p` page, `s` shows similar episodes, `a` another random one.
 * Ends at `/quit` or end of input.
 */
export class ConsoleChat implements ChatAdapter {
  readonly name = 'console';
  private rl: Interface | null = null;
  private last: Answer | null = null;
  private queue: Promise<void> = Promise.resolve();
  private quitting = false;
  private closedResolve: () => void = () => {};
  /** Resolves when the input ends or the person quits. */
  readonly closed: Promise<void>;

  constructor(private readonly options: ConsoleChatOptions) {
    this.closed = new Promise((resolve) => (this.closedResolve = resolve));
  }

  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive === true });
    if (interactive) {
      this.rl.setPrompt('episode-bot> ');
      if (this.options.greeting) this.write(this.options.greeting);
      this.rl.prompt();
    }
    this.rl.on('line', (line) => {
      this.queue = this.queue.then(() => this.handle(line)).then(() => {
        if (interactive && this.rl) this.rl.prompt();
      });
    });
    this.rl.on('close', () => void this.queue.then(() => this.closedResolve()));
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }

  /** Prints text from outside a command (announcements), keeping the prompt tidy. */
  print(text: string): void {
    this.write(text);
    if (this.options.interactive) this.rl?.prompt(true);
  }

  private async handle(line: string): Promise<void> {
    const text = line.trim();
    if (text === '' || this.quitting) return;
    if (/^\/?(quit|exit)$/i.test(text)) {
      this.quitting = true;
      this.rl?.close();
      return;
    }
    const answer = await this.answerFor(text);
    if (!answer) return;
    this.last = answer;
    this.write(renderText(answer, this.options.style ?? PLAIN) + '\n\n');
  }

  private async answerFor(text: string): Promise<Answer | null> {
    const shortcut = SHORTCUTS[text.toLowerCase()];
    if (shortcut) {
      const action = this.last?.actions.find((a) => a.kind === shortcut);
      const encoded = action ? encodeActionRef(action.ref) : null;
      if (!encoded) {
        this.write(`Nothing to do for “${text}” here. Type /help for the commands.\n`);
        return null;
      }
      return (await this.options.dispatcher.action(encoded, INVOCATION)).answer;
    }
    const parsed = parseCommandLine(text, this.options.dispatcher.commands);
    return this.options.dispatcher.command(parsed.name, parsed.options, INVOCATION);
  }

  private write(text: string): void {
    this.options.output.write(text.endsWith('\n') ? text : text + '\n');
  }
}
