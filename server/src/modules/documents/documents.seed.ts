import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { DocumentsService } from './documents.service.js';

const ctx = { actor: SYSTEM_ACTOR };

/**
 * The documents above the founding plan, registered before it so that its references resolve:
 * the Secretariat's directive, the province's letter, and the older acts the plan cites.
 */
export async function seedSourceDocuments(
  db: Kysely<Database>,
  units: Map<string, string>,
): Promise<Map<string, string>> {
  const service = new DocumentsService(db);
  const ids = new Map<string, string>();
  const add = async (key: string, input: Parameters<DocumentsService['create']>[1]) => {
    ids.set(key, (await service.create(ctx, input)).id);
  };
  await add('21-CT/TW', {
    symbol: '21-CT/TW',
    typeName: 'Chỉ thị',
    issuer: 'Ban Bí thư',
    date: '2018-01-20',
    title: 'Chỉ thị về tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới',
  });
  await add('11-NQ/TW', {
    symbol: '11-NQ/TW',
    typeName: 'Nghị quyết',
    issuer: 'Bộ Chính trị',
    date: '2007-04-27',
    title: 'Nghị quyết về công tác phụ nữ thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước',
  });
  await add('57-CTr/TU', {
    symbol: '57-CTr/TU',
    typeName: 'Chương trình hành động',
    issuerUnitId: units.get('tinh-uy-btv'),
    issuer: 'Ban Thường vụ Tỉnh ủy',
    date: '2013-06-12',
    title: 'Chương trình hành động thực hiện Nghị quyết số 11-NQ/TW của Bộ Chính trị về công tác phụ nữ',
  });
  await add('23-CT/HU', {
    symbol: '23-CT/HU',
    typeName: 'Chỉ thị',
    issuerUnitId: units.get('huyen-uy'),
    issuer: 'Huyện ủy',
    date: '2009-04-29',
    title: 'Chỉ thị về công tác phụ nữ thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước',
  });
  await add('570-CV/TU', {
    symbol: '570-CV/TU',
    typeName: 'Công văn',
    issuerUnitId: units.get('tinh-uy-btv'),
    issuer: 'Ban Thường vụ Tỉnh ủy',
    date: '2018-05-07',
    title: 'Công văn về quán triệt, triển khai thực hiện Chỉ thị số 21-CT/TW, ngày 20/01/2018 của Ban Bí thư',
  });
  const directive = ids.get('21-CT/TW');
  const letter = ids.get('570-CV/TU');
  if (directive && letter) await service.addLink(ctx, letter, { toDocumentId: directive, relation: 'implements' });
  return ids;
}

/**
 * Commune and branch plans answering the district plan: most communes on time, some late,
 * some not yet — what the cascade view exists to show.
 */
export const DEMO_ANSWERS: { unit: string; number: string; date: string }[] = [
  { unit: 'xa-ta-xua-du', number: '12', date: '2018-06-15' },
  { unit: 'xa-thi-tran-bac-yen-du', number: '09', date: '2018-06-12' },
  { unit: 'xa-phieng-ban-du', number: '15', date: '2018-06-20' },
  { unit: 'xa-hong-ngai-du', number: '08', date: '2018-06-25' },
  { unit: 'xa-song-pe-du', number: '11', date: '2018-06-28' },
  { unit: 'xa-muong-khoa-du', number: '14', date: '2018-07-20' },
  { unit: 'xa-ta-khoa-du', number: '10', date: '2018-08-16' },
  { unit: 'xa-chieng-sai-du', number: '07', date: '2018-09-05' },
  { unit: 'huyen-uy-cb-cong-an', number: '05', date: '2018-06-18' },
  { unit: 'huyen-uy-cb-quan-su', number: '06', date: '2018-07-25' },
];

export async function seedCascade(
  db: Kysely<Database>,
  units: Map<string, string>,
  districtDocumentId: string,
): Promise<void> {
  const service = new DocumentsService(db);
  for (const answer of DEMO_ANSWERS) {
    const unitId = units.get(answer.unit);
    if (!unitId) throw new Error(`demo cascade: unit ${answer.unit} missing`);
    const isBranch = answer.unit.startsWith('huyen-uy-cb');
    const doc = await service.create(ctx, {
      symbol: `${answer.number}-KH/${isBranch ? 'CB' : 'ĐU'}`,
      typeName: 'Kế hoạch',
      issuerUnitId: unitId,
      date: answer.date,
      title:
        'Kế hoạch triển khai thực hiện Chỉ thị số 21-CT/TW của Ban Bí thư và Kế hoạch số 45-KH/HU của Ban Thường vụ Huyện ủy về tiếp tục đẩy mạnh công tác phụ nữ trong tình hình mới',
    });
    await service.addLink(ctx, doc.id, { toDocumentId: districtDocumentId, relation: 'implements' });
  }
}
