import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile, type Session, type TestApp, testApp, unitId } from '../../test-support/app.js';
import { backends } from '../../test-support/db.js';
import { DEMO_ANSWERS } from './documents.seed.js';

interface CascadeNode {
  document: { id: string; symbol: string | null };
  children: CascadeNode[];
  coverage: null | {
    first: { unit: { name: string }; status: string; daysAfterParent: number | null }[];
    total: number;
    issued: number;
    late: number;
    missing: number;
    overdue: number;
  };
}

interface CoveragePage {
  items: { unit: { id: string; name: string }; status: string; document: { id: string } | null }[];
  total: number;
  missing: number;
  matching: number;
}

describe.each(backends())('documents on %s', (kind) => {
  let t: TestApp;
  let monitor: Session;
  let admin: Session;
  const search = async (s: Session, q: string) =>
    (await s.request({ method: 'GET', url: `/api/v1/documents?q=${encodeURIComponent(q)}` })).json().items as {
      id: string;
      symbol: string;
      planId: string | null;
    }[];
  /** The registered document with exactly this symbol (others may cite it in their titles). */
  const find = async (s: Session, symbol: string) => (await search(s, symbol)).filter((d) => d.symbol === symbol);

  beforeAll(async () => {
    t = await testApp(kind);
    monitor = await t.login('giamsat');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('registers a document from a symbol written any way, giving the canonical symbol and its parts', async () => {
    // A central document (no issuer unit) is registered by a whole-directory grant.
    const res = await admin.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: {
        symbol: '45-CTR/TƯ',
        issuer: 'Ban Chấp hành Trung ương',
        date: '2023-01-10',
        title: 'CHƯƠNG TRÌNH HÀNH ĐỘNG thử',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      symbol: '45-CTr/TW',
      number: '45',
      typeCode: 'CTr',
      issuerCode: 'TW',
      system: 'party',
    });
    const info = await monitor.request({ method: 'GET', url: '/api/v1/documents/parse-symbol?text=123%2FKH-UBND' });
    expect(info.json()).toMatchObject({ symbol: '123/KH-UBND', typeName: 'Kế hoạch', system: 'state' });
    const bad = await monitor.request({ method: 'GET', url: '/api/v1/documents/parse-symbol?text=0912.345.678' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_symbol');
  });

  it('keeps identity as symbol + issuer + date: the same symbol from another issuer is another document', async () => {
    const huyen = await unitId(t, 'huyen-uy');
    const body = { symbol: '21-CT/TU', issuer: 'Tỉnh ủy Lào Cai', date: '2019-03-01', title: 'Chỉ thị thử' };
    expect((await admin.request({ method: 'POST', url: '/api/v1/documents', payload: body })).statusCode).toBe(201);
    const again = await admin.request({ method: 'POST', url: '/api/v1/documents', payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('document_exists');
    const other = await admin.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { ...body, issuer: 'Tỉnh ủy Yên Bái' },
    });
    expect(other.statusCode).toBe(201);
    const ours = await monitor.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { ...body, issuer: null, issuerUnitId: huyen },
    });
    expect(ours.statusCode).toBe(201);
  });

  it('searches ignoring diacritics and case, by symbol or title', async () => {
    expect((await search(monitor, 'chi thi 21-ct/tw')).map((d) => d.symbol)).toContain('21-CT/TW');
    expect((await search(monitor, 'CONG TAC PHU NU')).length).toBeGreaterThanOrEqual(3);
    expect((await search(monitor, '45-kh/hu')).find((d) => d.symbol === '45-KH/HU')?.planId).toBeTruthy();
  });

  it('attaches a file and gives it back; refuses an oversized file and a request without a file', async () => {
    const [doc] = await find(monitor, '570-CV/TU');
    const content = Buffer.from('Nội dung công văn 570-CV/TU', 'utf8');
    // The province's letter: its file is attached by a grant covering the province (here the administrator).
    const up = await admin.request({
      method: 'POST',
      url: `/api/v1/documents/${doc?.id}/file`,
      ...multipartFile('570-CV-TU.txt', content, 'text/plain'),
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().file).toEqual({ name: '570-CV-TU.txt', size: content.length, contentType: 'text/plain' });
    const down = await monitor.request({ method: 'GET', url: `/api/v1/documents/${doc?.id}/file` });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(content)).toBe(true);
    expect(down.headers['content-disposition']).toContain('570-CV-TU.txt');
    const big = await admin.request({
      method: 'POST',
      url: `/api/v1/documents/${doc?.id}/file`,
      ...multipartFile('big.bin', Buffer.alloc(20 * 1024 * 1024 + 10)),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('file_too_large');
    const none = await admin.request({ method: 'POST', url: `/api/v1/documents/${doc?.id}/file`, payload: {} });
    expect(none.statusCode).toBeGreaterThanOrEqual(400);
    expect(none.statusCode).toBeLessThan(500);
    const again = await monitor.request({ method: 'GET', url: `/api/v1/documents/${doc?.id}/file` });
    expect(again.rawPayload.equals(content)).toBe(true);
  });

  it('links documents and shows the links both ways; refuses a link to itself', async () => {
    const [a] = await find(monitor, '11-NQ/TW');
    const [b] = await find(monitor, '23-CT/HU');
    const link = await monitor.request({
      method: 'POST',
      url: `/api/v1/documents/${b?.id}/links`,
      payload: { toDocumentId: a?.id, relation: 'cites' },
    });
    expect(link.statusCode, link.body).toBe(201);
    const detail = (await monitor.request({ method: 'GET', url: `/api/v1/documents/${a?.id}` })).json();
    expect(detail.links.incoming).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ relation: 'cites', document: expect.objectContaining({ symbol: '23-CT/HU' }) }),
      ]),
    );
    const self = await monitor.request({
      method: 'POST',
      url: `/api/v1/documents/${a?.id}/links`,
      payload: { toDocumentId: a?.id, relation: 'cites' },
    });
    expect(self.statusCode).toBe(400);
    const removed = await monitor.request({
      method: 'DELETE',
      url: `/api/v1/documents/${b?.id}/links/${link.json().id}`,
    });
    expect(removed.statusCode).toBe(204);
  });

  it('resolves the founding plan’s references to registered documents', async () => {
    const [plan] = await find(monitor, '45-KH/HU');
    const detail = (await monitor.request({ method: 'GET', url: `/api/v1/documents/${plan?.id}` })).json();
    const bySymbol = Object.fromEntries(
      detail.references.map((r: { symbol: string; documentId: string | null }) => [r.symbol, r.documentId]),
    );
    for (const symbol of ['21-CT/TW', '570-CV/TU', '11-NQ/TW', '57-CTr/TU', '23-CT/HU'])
      expect(bySymbol[symbol], symbol).toBeTruthy();
    expect(
      detail.links.outgoing.map(
        (l: { relation: string; document: { symbol: string } }) => `${l.relation} ${l.document.symbol}`,
      ),
    ).toEqual(expect.arrayContaining(['implements 21-CT/TW', 'basis 570-CV/TU', 'cites 23-CT/HU']));
  });

  it('shows the cascade from the directive down to the communes, with who has not made a plan', async () => {
    const [directive] = await find(monitor, '21-CT/TW');
    const res = await monitor.request({ method: 'GET', url: `/api/v1/documents/${directive?.id}/cascade` });
    expect(res.statusCode, res.body).toBe(200);
    const root = res.json() as CascadeNode;
    const letter = root.children.find((c) => c.document.symbol === '570-CV/TU');
    expect(letter?.coverage?.first).toEqual([expect.objectContaining({ status: 'issued', daysAfterParent: 25 })]);
    const district = letter?.children.find((c) => c.document.symbol === '45-KH/HU');
    expect(district?.children).toHaveLength(DEMO_ANSWERS.length);
    const cover = district?.coverage;
    expect((cover?.issued ?? 0) + (cover?.late ?? 0)).toBe(DEMO_ANSWERS.length);
    expect(cover?.late).toBe(4);
    expect(cover?.missing).toBe(16 + 4 - DEMO_ANSWERS.length);
    expect(cover?.overdue).toBe(cover?.missing);
    expect(cover?.total).toBe(16 + 4);
    expect(cover?.first[0]?.status).toBe('overdue');
    // The summary names the first five of each status; the paged list names every unit.
    expect(cover?.first.filter((e) => e.status === 'overdue').length).toBe(Math.min(5, cover?.overdue ?? 0));
    const page = (
      await monitor.request({
        method: 'GET',
        url: `/api/v1/documents/${district?.document.id}/coverage?q=${encodeURIComponent('hang chu')}`,
      })
    ).json() as CoveragePage;
    expect(page.items.map((e) => [e.unit.name, e.status])).toEqual([['Đảng ủy xã Hang Chú', 'overdue']]);
    expect(page.total).toBe(16 + 4);
  });

  it('shows a commune officer only their own commune in the cascade', async () => {
    const officer = await t.login('xa1-canbo');
    const [directive] = await find(officer, '21-CT/TW');
    const root = (
      await officer.request({ method: 'GET', url: `/api/v1/documents/${directive?.id}/cascade` })
    ).json() as CascadeNode;
    const district = root.children[0]?.children[0];
    expect(district?.document.symbol).toBe('45-KH/HU');
    expect(district?.coverage?.first.map((e) => e.unit.name)).toEqual(['Đảng ủy xã Tà Xùa']);
    expect(district?.coverage?.total).toBe(1);
    const page = (
      await officer.request({ method: 'GET', url: `/api/v1/documents/${district?.document.id}/coverage` })
    ).json() as CoveragePage;
    expect(page.items.map((e) => e.unit.name)).toEqual(['Đảng ủy xã Tà Xùa']);
    expect(district?.children.map((c) => c.document.symbol)).toEqual(['12-KH/ĐU']);
    const hangChu = await unitId(t, 'xa-hang-chu-du');
    const other = await admin.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { symbol: '99-KH/ĐU', issuerUnitId: hangChu, date: '2019-01-01', title: 'Kế hoạch của xã Hang Chú' },
    });
    expect(other.statusCode).toBe(201);
    expect((await officer.request({ method: 'GET', url: `/api/v1/documents/${other.json().id}` })).statusCode).toBe(
      403,
    );
    expect((await find(officer, '99-KH/ĐU')).length).toBe(0);
  });

  it('refuses writes from viewers and commune users, and forged ids, changing nothing', async () => {
    const viewer = await t.login('thuongtruc');
    const count = async () => (await t.db.selectFrom('document').select('id').execute()).length;
    const before = await count();
    const denied = await viewer.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'X', symbol: '1-KH/HU' },
    });
    expect(denied.statusCode).toBe(403);
    const forged = await monitor.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'X', issuerUnitId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(forged.statusCode).toBe(400);
    const badSymbol = await monitor.request({
      method: 'POST',
      url: '/api/v1/documents',
      payload: { title: 'X', symbol: 'd:\\2011\\CV\\a.doc' },
    });
    expect(badSymbol.statusCode).toBe(400);
    expect(badSymbol.json().detail).toContain('Không đọc được số, ký hiệu');
    expect(await count()).toBe(before);
  });
});
