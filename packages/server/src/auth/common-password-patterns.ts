/**
 * The list of common passwords shipped in `data/common-passwords.txt`, made from well-known
 * patterns rather than copied from a leak: keyboard runs, digit runs and repeats, years, the
 * 'password' / 'admin' / 'qwerty' / '123456' families, pinyin words and names ('woaini',
 * 'zhangsan'), each with the suffixes people add to satisfy a length rule ('123', '@2024', '!').
 * The policy also lowercases a password, undoes leet spelling and strips leading and trailing
 * digits and symbols before looking it up, so the list holds lowercase stems and their usual forms.
 *
 * Regenerate the file after a change here: `npx tsx packages/server/src/auth/common-password-patterns.ts`
 * (a test fails while the two differ).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const COMMON_PASSWORDS_URL = new URL('../../data/common-passwords.txt', import.meta.url);

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '!@#$%^&*()'];

/** Keyboard columns and zig-zags people type as "random". */
const KEYBOARD_SHAPES = [
  '1qaz2wsx',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'zaq12wsx',
  'zaq1xsw2',
  '!qaz@wsx',
  '!qaz2wsx',
  '1qaz@wsx',
  'qazwsx',
  'qazwsxedc',
  'qazwsxedcrfv',
  'qweasd',
  'qweasdzxc',
  'qweasdzxc123',
  'asdqwe',
  'zxcasdqwe',
  '1q2w3e',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4',
  'q1w2e3r4t5',
  'a1b2c3',
  'a1b2c3d4',
  'abc123',
  'abcd1234',
  '123abc',
  '1234abcd',
  '123qwe',
  '123qweasd',
  '123qweasdzxc',
  'qwe123',
  'qwer1234',
  '1234qwer',
  'asd123',
  'zxc123',
  'qwe!@#',
  '147258',
  '147258369',
  '159357',
  '159753',
  '258456',
  '741852963',
  '963852741',
  '789456123',
  '123654789',
  '147852369',
  '1470258369',
];

/** English words and product defaults at the head of every list of guessed passwords. */
const ENGLISH = [
  'password',
  'passwd',
  'passw0rd',
  'pass',
  'passport',
  'admin',
  'administrator',
  'root',
  'toor',
  'super',
  'superuser',
  'superman',
  'batman',
  'system',
  'sysadmin',
  'server',
  'manager',
  'master',
  'oracle',
  'mysql',
  'postgres',
  'database',
  'test',
  'tester',
  'testing',
  'guest',
  'user',
  'username',
  'login',
  'welcome',
  'letmein',
  'changeme',
  'default',
  'secret',
  'private',
  'security',
  'computer',
  'internet',
  'network',
  'hello',
  'iloveyou',
  'loveyou',
  'love',
  'lover',
  'monkey',
  'dragon',
  'shadow',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'basketball',
  'soccer',
  'michael',
  'jordan',
  'trustno1',
  'whatever',
  'freedom',
  'starwars',
  'pokemon',
  'cookie',
  'flower',
  'summer',
  'winter',
  'spring',
  'autumn',
  'china',
  'chinese',
  'office',
  'company',
  'service',
  'support',
  'abc',
  'abcd',
  'abcde',
  'abcdef',
  'abcdefg',
  'abcdefgh',
  'qwerty',
  'asdf',
  'asdfgh',
  'zxcv',
  'zxcvbn',
];

/** Pinyin words, slogans and the commonest names, and the places and offices of this deployment. */
const PINYIN = [
  'woaini',
  'woaini1314',
  'woaiwojia',
  'woaimama',
  'woaibaba',
  'aini',
  'aini1314',
  'nihao',
  'nihaoma',
  'wodemima',
  'mima',
  'mimamima',
  'zhanghao',
  'yonghu',
  'guanli',
  'guanliyuan',
  'xitong',
  'fuwuqi',
  'ceshi',
  'laopo',
  'laogong',
  'baobei',
  'xiaobao',
  'tiantian',
  'kuaile',
  'xingfu',
  'pingan',
  'fendou',
  'yiqie',
  'zhongguo',
  'zhonghua',
  'beijing',
  'shanghai',
  'tianjin',
  'chongqing',
  'guangzhou',
  'shenzhen',
  'hangzhou',
  'nanjing',
  'wuhan',
  'jiangxi',
  'nanchang',
  'yingtan',
  'guixi',
  'yujiang',
  'longhushan',
  'zhengfu',
  'renmin',
  'sifa',
  'sifaju',
  'yifa',
  'yifazhishi',
  'fazhi',
  'duban',
  'luoshi',
  'bangong',
  'bangongshi',
  'danwei',
  'lingdao',
  'zhangsan',
  'lisi',
  'wangwu',
  'zhaoliu',
  'wangwei',
  'wangfang',
  'wangjing',
  'wanglei',
  'wangyong',
  'liwei',
  'lina',
  'lijing',
  'liqiang',
  'zhangwei',
  'zhangmin',
  'zhangjing',
  'zhangli',
  'liuyang',
  'liuwei',
  'liujie',
  'chenjing',
  'chenlong',
  'yangyang',
  'huangwei',
  'zhaojing',
  'zhoujie',
  'wujun',
  'xiaoming',
  'xiaohong',
  'xiaoli',
  'xiaowang',
  'qq',
  'qq123456',
  'taobao',
  'weixin',
  'baidu',
  'alibaba',
  'tencent',
  'huawei',
  'xiaomi',
];

/** Digit strings: the '123456' family, round numbers, lucky numbers and dates people like. */
function digitRuns(): string[] {
  const out: string[] = [];
  for (let n = 4; n <= 12; n++) {
    for (let d = 0; d <= 9; d++) out.push(String(d).repeat(n));
    out.push('1234567890'.repeat(2).slice(0, n));
    out.push('0123456789'.slice(0, Math.min(n, 10)));
    out.push('9876543210'.slice(0, Math.min(n, 10)));
  }
  out.push(
    '112233',
    '11223344',
    '121212',
    '123123',
    '123123123',
    '123321',
    '12344321',
    '123456654321',
    '654321',
    '520520',
    '5201314',
    '1314520',
    '13145200',
    '520131400',
    '246810',
    '135790',
    '168168',
    '518518',
    '666888',
    '888666',
    '987654',
    '110110',
    '120120',
    '119119',
  );
  for (let y = 1950; y <= 2035; y++) out.push(String(y));
  return out;
}

/** What people append to a word to meet a length or character rule. */
function suffixes(): string[] {
  const out = ['', '1', '12', '123', '1234', '12345', '123456', '1314', '520', '888'];
  for (const sym of ['!', '@', '.', '!@#']) out.push(sym, `${sym}123`, `123${sym}`);
  for (let y = 2020; y <= 2027; y++) out.push(String(y), `@${y}`);
  return out;
}

/** Every run of at least six keys along a row, forwards and backwards. */
function keyboardRuns(): string[] {
  const out: string[] = [];
  for (const row of KEYBOARD_ROWS)
    for (let start = 0; start < row.length; start++)
      for (let end = start + 6; end <= row.length; end++) {
        const run = row.slice(start, end);
        out.push(run, [...run].reverse().join(''));
      }
  return out;
}

/** The list, lowercase, sorted, without duplicates. */
export function generateCommonPasswords(): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    if (w.length >= 4) words.add(w.toLowerCase());
  };
  for (const w of [...digitRuns(), ...keyboardRuns(), ...KEYBOARD_SHAPES]) add(w);
  for (const stem of [...ENGLISH, ...PINYIN, 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1qaz2wsx'])
    for (const s of suffixes()) add(stem + s);
  for (const stem of ['p@ssw0rd', 'p@ssword', 'passw0rd', 'pa$$word', 'p@$$w0rd', 'adm1n', '@dmin', 'r00t'])
    for (const s of ['', '1', '123', '!', '@123', '2024', '2025', '2026']) add(stem + s);
  return [...words].sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(COMMON_PASSWORDS_URL, `${generateCommonPasswords().join('\n')}\n`);
}
