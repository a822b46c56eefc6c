import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { serve } from '../main.js';
import { modules } from '../modules/index.js';
import { UsersService } from '../modules/users/users.service.js';
import { SYSTEM_ACTOR } from '../platform/access.js';
import { bootstrap } from '../platform/bootstrap.js';
import { openDatabase } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { translate } from '../platform/i18n.js';

const HELP = `trienkhai — Triển Khai

Lệnh / commands:
  serve                      chạy máy chủ (API + web) / run the server
  migrate                    cập nhật cấu trúc CSDL / run database migrations
  create-admin [--username U] [--name TÊN] [--password P]
                             tạo quản trị viên đầu tiên / create an administrator
                             (mật khẩu lấy từ --password, TRIENKHAI_ADMIN_PASSWORD, hoặc hỏi)
  import-plan FILE [--json]  đọc kế hoạch (.txt, .md, .docx) và in trienkhai.plan/1
                             read a plan and print it (exit 2 on an unreadable file)

Biến môi trường: DATABASE_URL, DATA_DIR, PORT, TRIENKHAI_DEMO, ... (xem README)`;

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return 0;
    case 'migrate': {
      const migration = await withDatabase(async ({ db, kind }) => {
        const result = await bootstrap(db, { demo: false, demoPassword: '', modules });
        return `${kind}: ${result.migration}`;
      });
      console.log(`Đã cập nhật CSDL / migrated: ${migration}`);
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      });
      const username = values.username ?? 'quantri';
      const password = values.password ?? process.env.TRIENKHAI_ADMIN_PASSWORD ?? (await ask('Mật khẩu / password: '));
      if (password.length < 10) {
        console.error('Mật khẩu cần ít nhất 10 ký tự. / The password needs at least 10 characters.');
        return 2;
      }
      const config = loadConfig();
      await withDatabase(async ({ db }) => {
        await bootstrap(db, { demo: false, demoPassword: config.demoPassword, modules });
        await new UsersService(db).create(
          { actor: SYSTEM_ACTOR },
          {
            username,
            displayName: values.name ?? 'Quản trị hệ thống',
            password,
            grants: [{ role: 'admin', unitId: null }],
          },
        );
      });
      console.log(`Đã tạo quản trị viên "${username}". / Administrator "${username}" created.`);
      return 0;
    }
    case 'import-plan':
      return (await import('./import-plan.js')).importPlanCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`Lệnh không rõ / unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(`${translate(error.code, 'vi', error.params)} / ${translate(error.code, 'en', error.params)}`);
    } else {
      console.error(error instanceof Error ? error.message : String(error));
    }
    process.exitCode = 1;
  },
);
