import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../modules/index.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.includes('.test.')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('module manifests', () => {
  it('the platform imports no module: bootstrap and the app read the manifests', () => {
    const offenders = sources(import.meta.dirname).filter((file) =>
      /from '(\.\.\/)+modules\//.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('every module declares a policy; seed steps and job names are unique', () => {
    expect(modules.filter((m) => !m.policy && m.name !== 'auth').map((m) => m.name)).toEqual([]);
    const seeds = modules.flatMap((m) => m.seeds ?? []);
    expect(new Set(seeds.map((s) => s.order)).size).toBe(seeds.length);
    const jobs = modules.flatMap((m) => m.jobs ?? []).map((j) => j.name);
    expect(new Set(jobs).size).toBe(jobs.length);
    expect(jobs).toContain('auth.purge-sessions');
  });
});
