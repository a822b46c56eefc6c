import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `trienkhai import-plan` run as a child process, the way a person runs it:
 * `npx tsx server/src/cli/index.ts import-plan FILE --json`. The test starts node with tsx's
 * loader directly (`node --import tsx …`, what `npx tsx` does underneath) to save npx's second
 * per run, and runs the cases concurrently.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEED = fileURLToPath(new URL('../modules/plans/fixtures/founding-plan.txt', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'trienkhai-import-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/index.ts', 'import-plan', ...args],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A refusal: exit 2, nothing on stdout, one "vi / en" line on stderr. */
function expectRefusal(result: Run, english: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/ \/ /u);
  expect(result.stderr).toMatch(english);
}

describe.concurrent('trienkhai import-plan', { timeout: 120_000 }, () => {
  it('prints exactly the trienkhai.plan/1 object for the founding plan and exits 0', async () => {
    const result = await run(SEED, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { format: string; source: { fileName: string; encoding: string } };
    expect(plan.format).toBe('trienkhai.plan/1');
    expect(plan.source).toMatchObject({ fileName: 'founding-plan.txt', encoding: 'utf-8' });
    expect(result.stdout).toBe(`${JSON.stringify(plan, null, 2)}\n`);
  });

  it('prints a short Vietnamese summary without --json', async () => {
    const result = await run(SEED);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Tệp: founding-plan\.txt \(bảng mã utf-8\)$/mu);
    expect(result.stdout).toMatch(/^Văn bản dẫn chiếu: \d+ · Mục: \d+ · Nhiệm vụ: \d+ · Nơi nhận: \d+$/mu);
  });

  it('refuses an empty file', async () => {
    expectRefusal(await run(file('empty.txt', ''), '--json'), /The file is empty/u);
  });

  it('refuses a binary file', async () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    expectRefusal(await run(file('image.txt', png), '--json'), /not text/u);
  });

  it('refuses a .docx that is not a Word document', async () => {
    expectRefusal(await run(file('plan.docx', 'Kế hoạch số 45-KH/HU'), '--json'), /not a valid Word document/u);
  });

  it('refuses a file over 20 MB without reading it', async () => {
    const path = file('huge.txt', '');
    truncateSync(path, 20 * 1024 * 1024 + 1);
    expectRefusal(await run(path, '--json'), /too large/u);
  });

  it('refuses a file it cannot open', async () => {
    expectRefusal(await run(join(dir, 'missing.txt'), '--json'), /Cannot read the file/u);
  });

  it('answers a missing FILE or an unknown option with the usage line and exit 2', async () => {
    for (const args of [['--json'], [SEED, '--jsn'], [SEED, SEED]]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^Cách dùng \/ usage: trienkhai import-plan/u);
    }
  });
});
