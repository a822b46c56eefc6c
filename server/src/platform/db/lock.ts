import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * One process at a time on a PGlite data folder. PGlite is a whole PostgreSQL inside the
 * process: a second process opening the same files (a second server, `trienkhai create-admin`
 * beside a running server) works on its own copy in memory and the two overwrite each other's
 * writes. So the folder is locked when the database opens, with proper-lockfile (a lock
 * directory whose time the holder refreshes every few seconds: it works on every file system
 * and needs no native code).
 *
 * A holder killed with `kill -9` cannot release the lock. It stops being refreshed and is
 * taken over once it is older than {@link STALE_MS}; and when the holder's process id, written
 * beside the lock, no longer exists on this machine, it is taken over at once.
 */

export const LOCK_NAME = 'trienkhai.lock';
const OWNER_NAME = 'trienkhai.lock.json';
/** A lock not refreshed for this long belongs to a dead process (the holder refreshes it every STALE_MS / 2). */
export const STALE_MS = 20_000;
/** Folders this process holds: a second open in the same process must not take its own lock over. */
const held = new Set<string>();

interface Owner {
  pid: number;
  hostname: string;
  command: string;
  since: string;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly owner: Owner | null,
  ) {
    const who = owner ? ` (pid ${owner.pid}, ${owner.command}, từ / since ${owner.since})` : '';
    super(
      [
        `Thư mục dữ liệu ${dataDir} đang được một tiến trình Triển Khai khác dùng${who}.`,
        'Hãy dừng máy chủ đang chạy rồi chạy lại lệnh này, hoặc dùng PostgreSQL (DATABASE_URL) để nhiều tiến trình cùng làm việc trên một CSDL.',
        `The data folder ${dataDir} is in use by another Triển Khai process${who}.`,
        'Stop the running server and run this command again, or use PostgreSQL (DATABASE_URL) so that several processes can share one database.',
      ].join('\n'),
    );
    this.name = 'DataDirLockedError';
  }
}

function readOwner(dir: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(dir, OWNER_NAME), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock's holder died on this machine (kill -9, a restarted container whose new process got
 * the same id): no need to wait for the lock to go stale.
 */
function heldByDeadProcess(dir: string, owner: Owner | null): boolean {
  if (owner === null || owner.hostname !== hostname()) return false;
  return owner.pid === process.pid ? !held.has(dir) : !isAlive(owner.pid);
}

export interface DataDirLock {
  release(): Promise<void>;
}

/**
 * Locks a PGlite data folder for this process, or throws {@link DataDirLockedError} naming the
 * folder and what to do. The folder must exist.
 *
 * @param onCompromised called when the lock is lost while held (its refresh failed, or another
 * process took it over): the default stops the process, because going on would lose writes.
 */
export async function lockDataDir(
  folder: string,
  onCompromised: (error: Error) => void = (error) => {
    console.error(`Mất khóa thư mục dữ liệu / lost the data folder lock: ${error.message}`);
    process.exit(75);
  },
): Promise<DataDirLock> {
  const dir = resolve(folder);
  const options = { lockfilePath: join(dir, LOCK_NAME), stale: STALE_MS, realpath: false, onCompromised };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = readOwner(dir);
    if (!heldByDeadProcess(dir, owner)) throw new DataDirLockedError(dir, owner);
    // The holder is gone: take the lock over (another process doing the same at this moment
    // loses the race in the second lock() and gets the clear message).
    rmSync(join(dir, LOCK_NAME), { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirLockedError(dir, readOwner(dir));
      throw again;
    }
  }
  const owner: Owner = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(2).join(' ') || 'node',
    since: new Date().toISOString(),
  };
  writeFileSync(join(dir, OWNER_NAME), `${JSON.stringify(owner)}\n`);
  held.add(dir);
  return {
    release: async () => {
      held.delete(dir);
      if (readOwner(dir)?.pid === process.pid) rmSync(join(dir, OWNER_NAME), { force: true });
      await release().catch(() => undefined); // already lost (onCompromised has said so)
    },
  };
}
