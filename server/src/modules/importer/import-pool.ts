import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ImportResult } from './import-file.js';

/**
 * importFile off the event loop: a small pool of worker threads reads, decodes (legacy
 * encodings, .docx) and extracts uploaded plans, so a large file never stops the server from
 * answering other requests (issue 6, defect 5). Workers start on first use, are replaced when
 * one dies, and never keep the process alive.
 */
const SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));
/** An import that takes longer is stopped (its worker is replaced). */
export const IMPORT_TIMEOUT_MS = 60_000;

interface Task {
  id: number;
  bytes: Uint8Array;
  fileName: string | null;
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

// Under tsx or vitest this module is TypeScript: its worker is too, loaded through tsx's loader.
const SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(SOURCE ? './import-worker.ts' : './import-worker.js', import.meta.url);

const slots: Slot[] = [];
const queue: Task[] = [];
let nextId = 1;

export class ImportTimeoutError extends Error {}

function spawn(): Slot {
  const worker = SOURCE
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`,
        { eval: true },
      )
    : new Worker(WORKER_URL);
  worker.unref();
  const slot: Slot = { worker, task: null, timer: null };
  worker.on('message', (message: { id: number; result?: ImportResult; error?: string }) => {
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    finish(slot);
    if (message.error !== undefined) task.reject(new Error(`import worker: ${message.error}`));
    else if (message.result) task.resolve(message.result);
  });
  const lost = (error: Error) => {
    const task = slot.task;
    finish(slot);
    slots.splice(slots.indexOf(slot), 1);
    task?.reject(error);
    pump();
  };
  worker.on('error', lost);
  worker.on('exit', (code) => {
    if (slots.includes(slot)) lost(new Error(`import worker exited (${code})`));
  });
  slots.push(slot);
  return slot;
}

function finish(slot: Slot): void {
  if (slot.timer) clearTimeout(slot.timer);
  slot.timer = null;
  slot.task = null;
  queueMicrotask(pump);
}

function pump(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.task === null) ?? (slots.length < SIZE ? spawn() : undefined);
    if (!slot) return;
    const task = queue.shift() as Task;
    slot.task = task;
    slot.timer = setTimeout(() => {
      const current = slot.task;
      slots.splice(slots.indexOf(slot), 1);
      slot.task = null;
      void slot.worker.terminate();
      current?.reject(new ImportTimeoutError(`import took over ${IMPORT_TIMEOUT_MS} ms`));
      pump();
    }, IMPORT_TIMEOUT_MS);
    slot.timer.unref();
    slot.worker.postMessage({ id: task.id, bytes: task.bytes, fileName: task.fileName });
  }
}

/** importFile in a worker thread: the same answer, without blocking the event loop. */
export function importFileOffThread(bytes: Uint8Array, fileName: string | null): Promise<ImportResult> {
  return new Promise<ImportResult>((resolve, reject) => {
    queue.push({ id: nextId++, bytes, fileName, resolve, reject });
    pump();
  });
}

/** Stops every worker (tests, shutdown). */
export async function closeImportPool(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(all.map((s) => s.worker.terminate()));
}
