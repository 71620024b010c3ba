import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface, type Key } from 'node:readline';
import type { Answer } from '../../core/answers/answer.ts';
import { encodeActionRef } from '../../core/answers/action-ref.ts';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import { parseCommandLine } from '../../../commands/parse-command-line.ts';
import type { ChatAdapter } from '../adapter.ts';
import { CONSOLE_CALLER } from './console-caller.ts';
import { CONSOLE_KEYS, CONSOLE_KEYS_SECTION, keyMiss } from './console-keys.ts';
import { PLAIN, renderText, type TextStyle } from './render-text.ts';

/** Where the console chat reads and writes. */
export interface ConsoleChatOptions {
  dispatcher: Dispatcher;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  style?: TextStyle;
  /** Show a prompt and a greeting, and own the terminal: line editing, Ctrl-C, text printed above the prompt. */
  interactive?: boolean;
  greeting?: string;
}

const PROMPT = 'episode-bot> ';

/**
 * The console chat: type `/episode chaos` and read the answer. After an
 * answer, `n`/`p` page, `s` shows similar episodes, `a` another random one.
 * Ends at `/quit`, end of input, Ctrl-D on an empty line or a second Ctrl-C
 * (the first clears what was typed). Text from elsewhere (logs, announcements)
 * goes through {@link print}, above the prompt and what is being typed.
 */
export class ConsoleChat implements ChatAdapter {
  readonly name = 'console';
  private rl: Interface | null = null;
  private last: Answer | null = null;
  private queue: Promise<void> = Promise.resolve();
  private quitting = false;
  /** The prompt is on screen, waiting for a line. */
  private prompting = false;
  /** Ctrl-C was the last key: another one leaves. */
  private interruptArmed = false;
  private closedResolve: () => void = () => {};
  /** Resolves when the input ends or the person quits. */
  readonly closed: Promise<void>;

  constructor(private readonly options: ConsoleChatOptions) {
    this.closed = new Promise((resolve) => (this.closedResolve = resolve));
  }

  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive === true });
    this.rl = rl;
    if (interactive) {
      rl.setPrompt(PROMPT);
      if (this.options.greeting) this.write(this.options.greeting);
      this.prompt();
      rl.on('SIGINT', () => this.interrupt());
      input.on('keypress', (_s: string, key?: Key) => {
        if (!(key?.ctrl && key.name === 'c')) this.interruptArmed = false;
      });
    }
    rl.on('line', (line) => {
      this.prompting = false;
      this.queue = this.queue.then(() => this.handle(line)).then(() => this.prompt());
    });
    rl.on('close', () => void this.queue.then(() => this.closedResolve()));
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }

  /**
   * Prints text from outside a command (a log line, an announcement). In an
   * interactive console it goes above the prompt, which is drawn again with
   * whatever was being typed.
   */
  print(text: string): void {
    const rl = this.rl;
    if (!rl || !this.options.interactive || !this.prompting || this.quitting) {
      this.write(text);
      return;
    }
    const out = this.options.output;
    moveCursor(out, 0, -rl.getCursorPos().rows);
    cursorTo(out, 0);
    clearScreenDown(out);
    this.write(text);
    rl.prompt(true);
  }

  /** Prints an announcement like any answer, so `s` then shows episodes similar to it. */
  announce(answer: Answer): void {
    this.last = answer;
    this.print(renderText(answer, this.options.style ?? PLAIN) + '\n\n');
  }

  private prompt(): void {
    if (!this.options.interactive || !this.rl || this.quitting) return;
    this.prompting = true;
    this.rl.prompt();
  }

  /** Ctrl-C: clears a half-typed line; on an empty line, says how to leave, and leaves on a second one. */
  private interrupt(): void {
    const rl = this.rl!;
    const typed = rl.line.length > 0;
    if (!typed && this.interruptArmed) {
      this.options.output.write('\n');
      this.quit();
      return;
    }
    this.interruptArmed = true;
    this.options.output.write(typed ? '^C\n' : '\n(Ctrl-C again or Ctrl-D leaves; so does /quit.)\n');
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    this.prompt();
  }

  private quit(): void {
    this.quitting = true;
    this.prompting = false;
    this.rl?.close();
  }

  private async handle(line: string): Promise<void> {
    const text = line.trim();
    if (text === '' || this.quitting) return;
    if (/^\/?(quit|exit)$/i.test(text)) {
      this.quit();
      return;
    }
    const answer = await this.answerFor(text);
    if (!answer) return;
    this.last = answer;
    if (answer.kind === 'help') answer.sections.push(CONSOLE_KEYS_SECTION);
    this.write(renderText(answer, this.options.style ?? PLAIN) + '\n\n');
  }

  private async answerFor(text: string): Promise<Answer | null> {
    const key = CONSOLE_KEYS[text.toLowerCase()];
    if (key) {
      const action = this.last?.actions.find((a) => a.kind === key);
      const encoded = action ? encodeActionRef(action.ref) : null;
      if (!encoded) {
        this.write(keyMiss(text, this.last) + '\n');
        return null;
      }
      return (await this.options.dispatcher.action(encoded, CONSOLE_CALLER)).answer;
    }
    const parsed = parseCommandLine(text, this.options.dispatcher.commands);
    return this.options.dispatcher.command(parsed.name, parsed.options, CONSOLE_CALLER);
  }

  private write(text: string): void {
    this.options.output.write(text.endsWith('\n') ? text : text + '\n');
  }
}
