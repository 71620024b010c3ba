import { describe, expect, it } from 'vitest';
import { COPIED_TABLES, convertValue, insertSql, ownSegments, sourceColumns, TARGET_TABLES, toColumnArrays } from '../../../../src/store/postgres/copy-tables.ts';
import { MIGRATIONS as PG_MIGRATIONS } from '../../../../src/store/postgres/migrations.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../../../src/store/sqlite/migrations.ts';

const table = (name: string) => COPIED_TABLES.find((t) => t.name === name)!;

describe('store:copy table mapping', () => {
  it('reads every column from a SQLite column the SQLite schema has, and writes one the PostgreSQL schema has', () => {
    const sqlite = SQLITE_MIGRATIONS.join('\n');
    const postgres = PG_MIGRATIONS.join('\n');
    for (const t of COPIED_TABLES) {
      expect(sqlite, t.name).toMatch(new RegExp(`CREATE (VIRTUAL )?TABLE ${t.name}\\b`));
      for (const c of sourceColumns(t)) expect(sqlite, `${t.name}.${c}`).toMatch(new RegExp(`\\b${c}\\b`));
      if (!new RegExp(`CREATE TABLE ${t.name}\\b`).test(postgres)) {
        expect(t.optional, `${t.name} is not in the PostgreSQL schema`).toBe(true);
        continue;
      }
      for (const c of t.columns) expect(postgres, `${t.name}.${c.name}`).toMatch(new RegExp(`\\b${c.name} ${c.type === 'integer' ? 'integer' : c.type}\\b`));
    }
  });

  it('fills every data table but leases, segments last', () => {
    expect(TARGET_TABLES).not.toContain('leases');
    expect(TARGET_TABLES.at(-1)).toBe('transcript_segments');
    expect(TARGET_TABLES.indexOf('transcript_sources')).toBeGreaterThan(-1);
  });

  it("turns SQLite's 0/1 into booleans, keeps JSON text for jsonb, and drops NUL that PostgreSQL text cannot hold", () => {
    const announced = table('feed_episodes').columns.find((c) => c.name === 'announced')!;
    expect([convertValue(announced, 1), convertValue(announced, 0), convertValue(announced, null)]).toEqual([true, false, null]);
    const json = table('shows').columns.find((c) => c.name === 'podcast')!;
    expect(convertValue(json, '{"title":"A"}')).toBe('{"title":"A"}');
    expect(convertValue({ name: 'x', type: 'text' }, 'a\u0000b')).toBe('ab');
    expect(convertValue({ name: 'x', type: 'integer' }, 7)).toBe(7);
  });

  it('builds one array per column, from the SQLite names, for one unnest INSERT', () => {
    const shows = table('shows');
    const rows = [
      { key: 'k1', feed_url: 'u1', podcast_json: '{}', first_seen_at: 't1', updated_at: 't2' },
      { key: 'k2', feed_url: 'u2', podcast_json: '[]', first_seen_at: 't3', updated_at: 't4' },
    ];
    expect(toColumnArrays(shows, rows)).toEqual([['k1', 'k2'], ['u1', 'u2'], ['{}', '[]'], ['t1', 't3'], ['t2', 't4']]);
    expect(insertSql(shows)).toBe(
      'INSERT INTO shows (key, feed_url, podcast, first_seen_at, updated_at) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::text[]) AS r (key, feed_url, podcast, first_seen_at, updated_at)',
    );
  });

  it("gives each FTS5 row its episode and place from the episodes' rowid ranges, counting rows no range holds", () => {
    const owners = [
      { episodeId: 'a', firstRow: 1, segments: 2 },
      { episodeId: 'b', firstRow: 7, segments: 3 },
    ];
    const row = (rowid: number, start: unknown = null) => ({ rowid, text: `t${rowid}\u0001`, start_seconds: start, speaker: null });
    const { segments, orphans } = ownSegments(owners, [row(1, 0), row(2, '12.5'), row(3), row(7), row(8), row(9), row(10)]);
    expect(orphans).toBe(2);
    expect(segments.map((s) => [s.episodeId, s.seq, s.startSeconds, s.text])).toEqual([
      ['a', 0, 0, 't1'],
      ['a', 1, 12.5, 't2'],
      ['b', 0, null, 't7'],
      ['b', 1, null, 't8'],
      ['b', 2, null, 't9'],
    ]);
  });
});
