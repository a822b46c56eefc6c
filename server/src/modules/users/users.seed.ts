import type { Kysely } from 'kysely';
import { type Role, SYSTEM_ACTOR } from '../../platform/access.js';
import type { Database } from '../../platform/db/schema.js';
import { UsersService } from './users.service.js';

/** One demo account per role; all share the demo password. */
export const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  unit: string | null;
  home: string | null;
}[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unit: null, home: null },
  {
    username: 'giamsat',
    displayName: 'Lò Thị Mai (Ban Dân vận Huyện ủy)',
    role: 'monitor',
    unit: 'huyen',
    home: 'huyen-uy-bdv',
  },
  { username: 'thuongtruc', displayName: 'Thường trực Huyện ủy', role: 'viewer', unit: 'huyen', home: 'huyen-uy-tt' },
  {
    username: 'xa1-truong',
    displayName: 'Mùa A Sàng (Bí thư Đảng ủy xã Tà Xùa)',
    role: 'unit_head',
    unit: 'xa-ta-xua',
    home: 'xa-ta-xua-du',
  },
  {
    username: 'xa1-canbo',
    displayName: 'Hà Thị Dung (cán bộ xã Tà Xùa)',
    role: 'unit_officer',
    unit: 'xa-ta-xua',
    home: 'xa-ta-xua-hlhpn',
  },
];

export async function seedDemoUsers(
  db: Kysely<Database>,
  unitIds: Map<string, string>,
  password: string,
): Promise<void> {
  const service = new UsersService(db);
  const idOf = (code: string | null) => {
    if (!code) return null;
    const id = unitIds.get(code);
    if (!id) throw new Error(`demo users: unit ${code} missing`);
    return id;
  };
  for (const account of DEMO_ACCOUNTS) {
    await service.create(
      { actor: SYSTEM_ACTOR },
      {
        username: account.username,
        displayName: account.displayName,
        password,
        homeUnitId: idOf(account.home),
        grants: [{ role: account.role, unitId: idOf(account.unit) }],
        isDemo: true,
      },
    );
  }
}
