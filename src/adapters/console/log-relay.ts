import { Writable } from 'node:stream';

/**
 * Where log lines go: standard error until an interactive console chat takes
 * the terminal, then above its prompt (through `print`), so a log line never
 * breaks the line being typed.
 */
export class LogRelay extends Writable {
  /** Whether the fallback is a terminal (pino-pretty colours and the `auto` format read it). */
  readonly isTTY: boolean;
  private target: ((text: string) => void) | null = null;

  constructor(private readonly fallback: NodeJS.WritableStream & { isTTY?: boolean }) {
    super();
    this.isTTY = fallback.isTTY === true;
  }

  /** From now on, log lines go to `print` (the console chat's). */
  attach(print: (text: string) => void): void {
    this.target = print;
  }

  /** Back to the fallback stream (the chat has closed). */
  detach(): void {
    this.target = null;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const text = chunk.toString();
    if (this.target) this.target(text.replace(/\n$/, ''));
    else this.fallback.write(text);
    callback();
  }
}
