import { OrganizationsService } from '../modules/organizations/organizations.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { SYSTEM_ACTOR } from '../platform/access.js';
import { type TestApp, unitId } from './app.js';

export const EXTRA_PASSWORD = 'mat-khau-thu-nghiem';

/**
 * Users the demo does not have, for access tests: `hai-quyen` is monitor in commune Tà Xùa and
 * viewer in commune Hang Chú (two grants whose halves must never combine); `giamsat-phu-yen` is
 * the monitor of another district (Phù Yên, added under the province); `khong-quyen` has no grant.
 */
export async function addAccessUsers(t: TestApp) {
  const system = { actor: SYSTEM_ACTOR };
  const orgs = new OrganizationsService(t.db);
  const district = await orgs.create(system, {
    code: 'huyen-phu-yen',
    parentId: await unitId(t, 'tinh'),
    kind: 'area',
    level: 'district',
    name: 'Huyện Phù Yên',
  });
  const committee = await orgs.create(system, {
    code: 'huyen-phu-yen-hu',
    parentId: district.id,
    kind: 'party_committee',
    level: 'district',
    name: 'Huyện ủy Phù Yên',
  });
  const users = new UsersService(t.db);
  const add = (username: string, displayName: string, grants: { role: 'monitor' | 'viewer'; unitId: string }[]) =>
    users.create(system, { username, displayName, password: EXTRA_PASSWORD, grants });
  await add('hai-quyen', 'Giám sát xã Tà Xùa, xem xã Hang Chú', [
    { role: 'monitor', unitId: await unitId(t, 'xa-ta-xua') },
    { role: 'viewer', unitId: await unitId(t, 'xa-hang-chu') },
  ]);
  await add('giamsat-phu-yen', 'Giám sát huyện Phù Yên', [{ role: 'monitor', unitId: district.id }]);
  await add('khong-quyen', 'Người chưa được cấp quyền', []);
  return { otherDistrict: district.id, otherCommittee: committee.id };
}
