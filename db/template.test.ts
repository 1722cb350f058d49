import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';
import { copyTemplate, templateKey } from './template';

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stop-template-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function tableNames(dataDir: string): Promise<string[]> {
  const handle = await openDatabase({ dataDir });
  try {
    const result = await handle.db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
    return (result as unknown as { rows: { tablename: string }[] }).rows.map((row) => row.tablename);
  } finally {
    await handle.close();
  }
}

describe('new embedded databases from a pre-migrated template', () => {
  it('a new database has every table, and what one database writes never reaches the next new one', async () => {
    const first = path.join(tempDir(), 'pglite');
    const handle = await openDatabase({ dataDir: first });
    await handle.db.execute(sql`create table written_by_first (x int)`);
    await handle.close();
    expect(await tableNames(first)).toContain('written_by_first');

    const second = path.join(tempDir(), 'pglite');
    const tables = await tableNames(second);
    expect(tables).toEqual(expect.arrayContaining(['runs', 'evaluations']));
    expect(tables).not.toContain('written_by_first');
  });

  it('is rebuilt when a migration changes', () => {
    const copy = path.join(tempDir(), 'migrations');
    cpSync(MIGRATIONS, copy, { recursive: true });
    const before = templateKey(copy);
    expect(templateKey(copy)).toBe(before);
    writeFileSync(path.join(copy, 'extra.sql'), 'select 1;');
    expect(templateKey(copy)).not.toBe(before);
  });

  it('copies files exactly, zero blocks as holes', () => {
    const from = tempDir();
    const data = Buffer.concat([Buffer.from('head'), Buffer.alloc(1 << 20), Buffer.from('tail')]);
    writeFileSync(path.join(from, 'segment'), data);
    const to = path.join(tempDir(), 'copy');
    copyTemplate(from, to);
    expect(readFileSync(path.join(to, 'segment')).equals(data)).toBe(true);
    expect(statSync(path.join(to, 'segment')).blocks * 512).toBeLessThan(data.length / 2);
  });
});
