/**
 * Opens databases the way the bot does and uses them as its repositories do (prepare, run,
 * pragma, transactions), leaving garbage for the collector between rounds, then prints "ok".
 * On Node 24.19+ with better-sqlite3 12.x, a collected statement aborts the process (SIGABRT).
 */
import { openDatabase } from '../../src/store/sqlite/database.ts';

for (let round = 0; round < 30; round++) {
  const db = openDatabase(':memory:');
  db.exec('CREATE TABLE t (a)');
  const insertAll = db.transaction((n: number) => {
    for (let j = 0; j < n; j++) db.prepare('INSERT INTO t VALUES (?)').run(j);
  });
  insertAll(2_000);
  db.pragma('user_version', { simple: true });
  if (round % 2 === 0) db.close();
  await new Promise((r) => setTimeout(r, 10));
  const junk: object[] = [];
  for (let k = 0; k < 200_000; k++) junk.push({ k });
}
process.stdout.write('ok\n');
