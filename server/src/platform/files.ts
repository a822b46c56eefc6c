import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where the bytes of attached files live (docs/adr/0004-files-outside-pglite.md).
 * - PostgreSQL: in the database (`document_file.content`), as before.
 * - PGlite: on disk under DATA_DIR/files, named by their SHA-256; `document_file` keeps the
 *   name, type, size and hash. PGlite runs in the server's own thread: a 20 MB bytea took it
 *   ~18 s to write and ~5 s to read, and froze every request meanwhile. Files are written with
 *   Node's asynchronous file API, before the (short) transaction that records them.
 */
export interface FileStore {
  /** Stores the bytes under their hash (idempotent: the same bytes are stored once). */
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
}

const HASH = /^[0-9a-f]{64}$/;

export class DiskFileStore implements FileStore {
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): string {
    if (!HASH.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(sha256);
    const exists = await stat(path).then(
      (s) => s.size === bytes.length,
      () => false,
    );
    if (exists) return;
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    // Written under a temporary name and renamed: a crash never leaves a half file under the hash.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch {
      return null;
    }
  }
}
