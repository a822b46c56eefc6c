import { parentPort } from 'node:worker_threads';
import { importFile } from './import-file.js';

/** One import (read + decode + extract) per message, in a worker thread (import-pool.ts). */
parentPort?.on('message', async (task: { id: number; bytes: Uint8Array; fileName: string | null }) => {
  try {
    const result = await importFile(task.bytes, task.fileName);
    parentPort?.postMessage({ id: task.id, result });
  } catch (error) {
    parentPort?.postMessage({
      id: task.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
