/**
 * The `luoshi` command, a thin shell over `@luoshi/core`. `main` takes its streams and returns the
 * exit status, so tests call it in-process.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  DEFAULT_DIRECTORY_URL,
  NoticeFileError,
  type NoticeText,
  type OrgDirectory,
  parseNotice,
  parseOrgDirectoryCsv,
  readNoticeFileAsync,
} from '@luoshi/core';
import {
  auditCommand,
  backupCommand,
  CommandError,
  escalateCommand,
  importCommand,
  lineOption,
  serveCommand,
  userCommand,
} from './server-commands.ts';
import { formatSummary } from './summary.ts';

export type Output = { write(chunk: string): unknown };

export type CliIO = {
  argv: string[];
  stdout: Output;
  stderr: Output;
  stdin?: AsyncIterable<string | Uint8Array>;
  env?: NodeJS.ProcessEnv;
};

const USAGE = `用法 (usage):
  luoshi parse FILE [--json] [--orgs DIRECTORY.csv] [--list-start-line N]
                                                      解析任务清单通知 (.txt / .docx / .xlsx / .pdf / .ofd)
  luoshi serve [--demo] [--port N]                    启动服务（默认 SQLite，DATABASE_URL 指定 PostgreSQL）
  luoshi user add NAME --role ROLE [--org 单位] --password-stdin
                                                       新建用户（角色 coordinator|leader|reporter|viewer）
  luoshi import FILE [--year YYYY] [--publish]        导入通知，生成任务清单草稿（可直接发布）
  luoshi backup FILE                                  在服务运行时备份数据库
  luoshi escalate --as-of YYYY-MM-DD                  按指定日期运行提醒/催办/督办
  luoshi audit verify                                 校验审计链
  luoshi help                                          显示本帮助
`;

class CliError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? '文件不存在 (no such file)'
        : code === 'EISDIR'
          ? '这是一个目录 (is a directory)'
          : code === 'EACCES'
            ? '没有读取权限 (permission denied)'
            : `无法读取 (${code ?? 'read error'})`;
    throw new CliError(`${what} ${path}: ${reason}`, 2);
  }
}

async function loadDirectory(path: string | undefined): Promise<OrgDirectory> {
  const bytes = path
    ? await readBytes(path, '组织目录')
    : new Uint8Array(await readFile(DEFAULT_DIRECTORY_URL));
  const parsed = parseOrgDirectoryCsv(new TextDecoder().decode(bytes));
  if ('errors' in parsed) {
    const first = parsed.errors.slice(0, 5).map((e) => e.message);
    const more = parsed.errors.length > 5 ? `（另有${parsed.errors.length - 5}处错误）` : '';
    throw new CliError(
      `组织目录 ${path ?? DEFAULT_DIRECTORY_URL.pathname} 有错误: ${first.join('; ')}${more}`,
    );
  }
  return parsed.directory;
}

async function parseCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      orgs: { type: 'string' },
      'list-start-line': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new CliError(`parse 需要且只需要一个文件参数\n${USAGE}`, 2);
  const file = positionals[0]!;
  const bytes = await readBytes(file, '通知文件');
  let read: NoticeText;
  try {
    read = await readNoticeFileAsync(bytes, file);
  } catch (e) {
    if (e instanceof NoticeFileError) throw new CliError(`${file}: ${e.message}`);
    throw e;
  }
  const directory = await loadDirectory(values.orgs);
  const listStartLine = lineOption(values['list-start-line']);
  const plan = parseNotice(read.text, { directory, mergesMarked: read.mergesMarked, listStartLine });
  if (plan.tasks.length === 0)
    throw new CliError(
      `${file}: 未找到任务清单 (no task list found)：没有编号的任务、表格行，也没有写明责任单位的段落；` +
        '可用 --list-start-line N 指定清单开始的行，从该行起每个段落作为一项任务',
    );
  io.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : formatSummary(plan));
  return 0;
}

export async function main(io: CliIO): Promise<number> {
  const [command, ...rest] = io.argv;
  try {
    switch (command) {
      case 'parse':
        return await parseCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      case 'user':
        return await userCommand(rest, io);
      case 'audit':
        return await auditCommand(rest, io);
      case 'escalate':
        return await escalateCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'backup':
        return await backupCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`未知命令 (unknown command): ${command}\n${USAGE}`, 2);
    }
  } catch (e) {
    if (e instanceof CliError || e instanceof CommandError) {
      io.stderr.write(`luoshi: ${e.message}\n`);
      return e.status;
    }
    if (e instanceof Error && 'userMessage' in e && typeof e.userMessage === 'string') {
      io.stderr.write(`luoshi: ${e.userMessage}\n`);
      return 1;
    }
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`luoshi: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
