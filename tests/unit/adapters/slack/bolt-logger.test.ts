import { LogLevel } from '@slack/bolt';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLevelOf, createBoltLogger } from '../../../../src/adapters/slack/bolt-logger.ts';
import { createLogger } from '../../../../src/log.ts';

function capture(level = 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger({ level, format: 'json', secrets: ['xoxb-secret-bot-token'], destination });
  return { lines, bolt: createBoltLogger(log) };
}

describe('Bolt logger backed by pino', () => {
  it('writes each Bolt level to the same pino level, tagged as coming from Bolt', () => {
    const { lines, bolt } = capture();

    bolt.debug('d', 1);
    bolt.info('i', { a: 1 });
    bolt.warn('w');
    bolt.error('e');

    expect(lines.map((l) => [l['level'], l['component'], l['msg']])).toEqual([
      [20, 'bolt', 'd 1'],
      [30, 'bolt', 'i {"a":1}'],
      [40, 'bolt', 'w'],
      [50, 'bolt', 'e'],
    ]);
  });

  it('logs an Error argument as err, and redacts tokens Bolt might print', () => {
    const { lines, bolt } = capture();

    bolt.error('Slack API error:', new Error('invalid_auth for xoxb-secret-bot-token'));

    expect(lines[0]).toMatchObject({ msg: 'Slack API error:', err: { message: 'invalid_auth for [redacted]' } });
    expect(JSON.stringify(lines)).not.toContain('xoxb-secret-bot-token');
  });

  it('reports pino\'s level to Bolt and keeps it when Bolt tries to change it', () => {
    const { lines, bolt } = capture('warn');

    bolt.setLevel(LogLevel.DEBUG);
    bolt.info('hidden');

    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(lines).toEqual([]);
    expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].map(boltLevelOf)).toEqual([
      LogLevel.DEBUG, LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR, LogLevel.ERROR, LogLevel.ERROR,
    ]);
  });
});
