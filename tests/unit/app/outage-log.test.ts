import type { Logger } from 'pino';
import { expect, it } from 'vitest';
import { outageLog } from '../../../src/app/outage-log.ts';

it('warns once per outage: failures within a minute of the last are the same outage, a later one is a new one', () => {
  const warnings: string[] = [];
  const log = { warn: (fields: { error: string }, message: string) => warnings.push(`${fields.error}: ${message}`) } as unknown as Logger;
  let now = 0;
  const failed = outageLog(log, () => now);
  for (const t of [0, 20_000, 70_000, 125_000]) {
    now = t;
    failed(new Error('PostgreSQL at db:5432/bot cannot be reached just now'));
  }
  expect(warnings).toHaveLength(1);
  now = 200_000; // more than a minute after the last failure
  failed(new Error('again'));
  expect(warnings).toHaveLength(2);
  expect(warnings[1]).toMatch(/^again: the database is unreachable/);
});
