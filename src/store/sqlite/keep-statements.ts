import type Database from 'better-sqlite3';

/**
 * Every database this process opened, kept reachable for the life of the process (see below).
 * Deliberately module-wide: it exists only to outlive everything else.
 */
const KEPT: Database.Database[] = [];

/**
 * Works around a crash of better-sqlite3 12.x on Node 24.19 and later: from that release,
 * `node::ObjectWrap`'s destructor removes an environment cleanup hook and aborts the process
 * (`Assertion failed: (env) != nullptr` in `RemoveEnvironmentCleanupHook`) when the garbage
 * collector finalizes the object outside a JavaScript context, as it does for a prepared
 * `Statement` that went out of use (WiseLibs/better-sqlite3#1515; 13.x, on Node-API, no longer
 * has it but needs Node 22). The same holds for the iterator of `Statement.iterate()`: use `.all()`. So no statement of ours may ever be collected: `db.prepare` hands out
 * one cached statement per SQL text (statements are reusable), `db.pragma` goes through that
 * cache too, and the database objects (which hold their transaction statements) stay reachable.
 * Callers must not switch a shared statement's modes (`pluck`, `raw`, `expand`); none does.
 */
export function keepStatements(db: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  const cached = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  Object.defineProperty(db, 'prepare', { value: cached, configurable: true, writable: true });
  const pragma = (source: string, options: Database.PragmaOptions = {}): unknown => {
    const stmt = cached(`PRAGMA ${source}`);
    if (!stmt.reader) {
      stmt.run();
      return options.simple ? undefined : [];
    }
    return options.simple ? stmt.pluck(true).get() : stmt.pluck(false).all();
  };
  Object.defineProperty(db, 'pragma', { value: pragma, configurable: true, writable: true });
  KEPT.push(db);
  return db;
}
