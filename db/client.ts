import path from 'node:path';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '@/lib/env';
import { acquireDataDirLock } from './lock';
import { copyTemplate, migratedTemplateDir, migratedTemplateDump } from './template';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DatabaseBackend = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: Database;
  backend: DatabaseBackend;
  /** Where the data lives: a directory for PGlite (or 'memory'), a redacted URL for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or 'memory' for a throwaway in-memory database. */
  dataDir?: string;
  /** The app server's base URL, recorded in the data directory's lock so other processes can use the app. */
  ownerUrl?: string;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql://(unparseable)';
  }
}

/** The embedded database's directory from configuration (STOP_DATA_DIR). */
export function configuredDataDir(): string {
  return path.resolve(env.STOP_DATA_DIR, 'pglite');
}

/** Opens a database and applies the committed migrations. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new Pool({ connectionString: options.url, max: 10 });
    // An idle connection closed by the server (restart, dropped database) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (error) => console.warn(`[db] idle PostgreSQL connection closed: ${error.message}`));
    // A checked-out connection that fails (e.g. while graphile-worker holds it) fails its query, not the process.
    pool.on('connect', (client) => client.on('error', (error) => console.warn(`[db] PostgreSQL connection lost: ${error.message}`)));
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Database,
      backend: 'postgresql',
      location: redactUrl(options.url),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dataDir = options.dataDir ?? configuredDataDir();
  // Taken before anything is written: a second process stops here, with the owner's pid and URL.
  const lock = dataDir === 'memory' ? null : acquireDataDirLock(dataDir, options.ownerUrl ?? null);
  let client: InstanceType<typeof PGlite> | undefined;
  try {
    if (dataDir === 'memory') {
      client = new PGlite({ loadDataDir: await templateOrNothing(() => migratedTemplateDump(MIGRATIONS_FOLDER, () => migratedDump(PGlite))) });
    } else {
      // The data directory comes from configuration: marked so that the build's file tracer does not trace the whole project.
      if (!existsSync(/* turbopackIgnore: true */ dataDir) || readdirSync(/* turbopackIgnore: true */ dataDir).length === 0) {
        const template = await templateOrNothing(() => migratedTemplateDir(MIGRATIONS_FOLDER, (dir) => migrateInto(PGlite, dir)));
        if (template) copyTemplate(template, dataDir);
      }
      mkdirSync(dataDir, { recursive: true });
      client = new PGlite(dataDir);
    }
    await client.waitReady;
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const opened = client;
    return {
      db: db as unknown as Database,
      backend: 'pglite',
      location: dataDir,
      async close() {
        try {
          await opened.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    await client?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

type PGliteClass = typeof import('@electric-sql/pglite').PGlite;

/**
 * PGlite opens the `postgres` database only, and nothing here creates databases: the two template
 * databases initdb makes are 600 of a data directory's 1,000 files, which every new database would copy.
 */
const WITHOUT_TEMPLATE_DATABASES = [
  'ALTER DATABASE template1 IS_TEMPLATE false',
  'DROP DATABASE template1',
  'ALTER DATABASE template0 IS_TEMPLATE false',
  'DROP DATABASE template0',
  'CHECKPOINT',
];

async function migrateInto<T>(PGlite: PGliteClass, dataDir: string | undefined, then?: (client: InstanceType<PGliteClass>) => Promise<T>): Promise<T | undefined> {
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  try {
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    // One statement at a time: DROP DATABASE cannot run inside the transaction of a multi-statement exec.
    for (const statement of WITHOUT_TEMPLATE_DATABASES) await client.exec(statement);
    return await then?.(client);
  } finally {
    await client.close();
  }
}

async function migratedDump(PGlite: PGliteClass): Promise<Blob> {
  return (await migrateInto(PGlite, undefined, (client) => client.dumpDataDir('none')))!;
}

/** A pre-migrated template; without one (e.g. an unwritable cache) the database is created from scratch. */
async function templateOrNothing<T>(template: () => Promise<T>): Promise<T | undefined> {
  try {
    return await template();
  } catch (error) {
    console.warn(`[db] no pre-migrated template (${error instanceof Error ? error.message : String(error)}); running initdb and the migrations`);
    return undefined;
  }
}

let serverUrl: string | undefined;

/** Called by the app server before it opens the database, so the lock tells other processes where it is. */
export function announceServerUrl(url: string): void {
  serverUrl = url;
}

type GlobalWithDatabase = typeof globalThis & { __stopStudioDatabase?: Promise<DatabaseHandle> };
const holder = globalThis as GlobalWithDatabase;

/** The process-wide database from configuration (one per process; survives dev hot reloads). */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__stopStudioDatabase ??= openDatabase({ url: env.DATABASE_URL, ownerUrl: serverUrl }).catch((error: unknown) => {
    holder.__stopStudioDatabase = undefined;
    throw error;
  });
  return holder.__stopStudioDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

/** The given database (tests, scripts), else the process-wide one. */
export async function dbOr(db?: Database): Promise<Database> {
  return db ?? (await getDb());
}

export async function closeDatabase(): Promise<void> {
  const pending = holder.__stopStudioDatabase;
  holder.__stopStudioDatabase = undefined;
  if (pending) await (await pending).close();
}

/** Lets tests point the process-wide database at an isolated one. */
export function setDatabaseForTest(handle: DatabaseHandle | undefined): void {
  holder.__stopStudioDatabase = handle ? Promise.resolve(handle) : undefined;
}
