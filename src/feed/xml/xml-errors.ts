/** The `err` part of a failed `XMLValidator.validate` result. */
export interface ValidatorError {
  code: string;
  msg: string;
  line: number;
  col?: number;
}

/** 1-based line number of character `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line of the last `<name` start tag in `text` (the innermost unclosed one when a file is cut short). */
function lastOpeningLine(text: string, name: string): number | null {
  let at = text.lastIndexOf(`<${name}`);
  while (at !== -1) {
    const next = text[at + name.length + 1];
    if (next === undefined || /[\s/>]/.test(next)) return lineAt(text, at);
    at = text.lastIndexOf(`<${name}`, at - 1);
  }
  return null;
}

/** Several tags left open: the validator lists them all; name the innermost one. */
function describeUnclosedList(err: ValidatorError, text: string, lineOffset: number): string {
  const names = /"([^"]*)"\s*\]' found\.?$/.exec(err.msg.slice(-300));
  const name = names?.[1];
  if (name === undefined) return 'the file ends before all tags are closed';
  const line = lastOpeningLine(text, name);
  const where = line === null ? 'at the end of the file' : `at line ${line + lineOffset}`;
  return `unclosed tag <${name}> ${where} (the file ends before it is closed)`;
}

const REWRITES: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^Expected closing tag '([^']*)' \(opened in line (\d+), col (\d+)\) instead of closing tag '([^']*)'\.?$/,
    (m) => `closing tag </${m[4]}> does not match <${m[1]}> (opened at line ${m[2]}, column ${m[3]})`],
  [/^Closing tag '([^']*)' has not been opened\.?$/, (m) => `closing tag </${m[1]}> has no matching opening tag`],
  [/^Unclosed tag '([^']*)'\.?$/, (m) => `unclosed tag <${m[1]}>`],
  [/^char '&' is not expected\.?$/, () => `a bare "&" (it should be written &amp;)`],
  [/^char '(.)' is not expected\.?$/, (m) => `unexpected character "${m[1]}"`],
  [/^Attributes for '([^']*)' have open quote\.?$/, (m) => `an attribute value of <${m[1]}> is missing its closing quote`],
];

/** Rewrites a validator message into plain words, keeping unknown messages as they are. */
function plainMessage(msg: string): string {
  for (const [pattern, rewrite] of REWRITES) {
    const m = pattern.exec(msg);
    if (m) return rewrite(m);
  }
  const short = msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
  return short.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}

/**
 * Describes a validation failure as "<problem> at line L, column C".
 * `lineOffset` counts lines stripped from the start of the original input,
 * so the reported line matches the file the user has.
 */
export function describeXmlError(err: ValidatorError, text: string, lineOffset: number): string {
  if (err.code === 'InvalidXml' && err.msg.startsWith("Invalid '[")) {
    return describeUnclosedList(err, text, lineOffset);
  }
  if (/^Start tag expected/.test(err.msg)) return 'contains no XML element';
  const column = err.col === undefined ? '' : `, column ${err.col}`;
  return `${plainMessage(err.msg)} at line ${err.line + lineOffset}${column}`;
}
