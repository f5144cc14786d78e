/**
 * Length-preserving width folding: full-width ASCII variants and the common CJK punctuation
 * are mapped one character to one character, so every offset in the folded text is also an
 * offset in the original. Match on the folded text, report `raw` from the original.
 * `｜` is deliberately left alone: the .docx/.xlsx readers use it for a `|` inside a table cell.
 */

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['（', '('],
  ['）', ')'],
  ['［', '['],
  ['］', ']'],
  ['【', '['],
  ['】', ']'],
  ['｛', '{'],
  ['｝', '}'],
  ['，', ','],
  ['：', ':'],
  ['；', ';'],
  ['！', '!'],
  ['？', '?'],
  ['％', '%'],
  ['－', '-'],
  ['—', '-'],
  ['–', '-'],
  ['～', '~'],
  ['〜', '~'],
  ['．', '.'],
  ['﹒', '.'],
  ['○', '〇'],
  ['､', '、'],
  ['﹐', ','],
  ['﹔', ';'],
  ['﹕', ':'],
  ['／', '/'],
  ['　', ' '],
  ['\u00a0', ' '],
  ['\t', ' '],
  ['＋', '+'],
  ['＝', '='],
  ['＜', '<'],
  ['＞', '>'],
];

/**
 * Traditional characters of the words a notice is structured by (序號, 責任單位, 牽頭, 完成時間,
 * 縣, 區 …), read as the simplified ones: a copy from a mirror site in traditional characters is
 * read like the original. One character for one, so offsets still hold; `raw` keeps the text as
 * written.
 */
const TRADITIONAL: ReadonlyArray<readonly [string, string]> = [
  ['號', '号'],
  ['單', '单'],
  ['責', '责'],
  ['務', '务'],
  ['項', '项'],
  ['關', '关'],
  ['發', '发'],
  ['縣', '县'],
  ['區', '区'],
  ['門', '门'],
  ['時', '时'],
  ['間', '间'],
  ['進', '进'],
  ['與', '与'],
  ['負', '负'],
  ['總', '总'],
  ['牽', '牵'],
  ['頭', '头'],
  ['協', '协'],
  ['辦', '办'],
  ['處', '处'],
  ['領', '领'],
  ['導', '导'],
  ['實', '实'],
  ['點', '点'],
  ['廳', '厅'],
  ['級', '级'],
  ['報', '报'],
  ['鎮', '镇'],
  ['鄉', '乡'],
  ['內', '内'],
  ['設', '设'],
  ['劃', '划'],
  ['計', '计'],
  ['標', '标'],
  ['準', '准'],
  ['農', '农'],
  ['業', '业'],
  ['機', '机'],
  ['構', '构'],
  ['會', '会'],
  ['議', '议'],
  ['個', '个'],
  ['達', '达'],
  ['億', '亿'],
  ['萬', '万'],
  ['據', '据'],
  ['體', '体'],
  ['為', '为'],
  ['這', '这'],
  ['們', '们'],
  ['長', '长'],
  ['廣', '广'],
  ['東', '东'],
  ['並', '并'],
  ['後', '后'],
  ['檢', '检'],
  ['監', '监'],
  ['環', '环'],
  ['衛', '卫'],
  ['醫', '医'],
  ['療', '疗'],
  ['資', '资'],
  ['財', '财'],
  ['稅', '税'],
  ['運', '运'],
  ['輸', '输'],
  ['築', '筑'],
  ['園', '园'],
  ['學', '学'],
  ['場', '场'],
  ['護', '护'],
  ['險', '险'],
  ['災', '灾'],
  ['應', '应'],
  ['規', '规'],
  ['範', '范'],
  ['條', '条'],
  ['訂', '订'],
  ['將', '将'],
  ['對', '对'],
  ['開', '开'],
  ['價', '价'],
  ['費', '费'],
  ['電', '电'],
  ['網', '网'],
  ['絡', '络'],
  ['數', '数'],
  ['維', '维'],
  ['經', '经'],
  ['濟', '济'],
  ['產', '产'],
  ['變', '变'],
  ['類', '类'],
  ['屬', '属'],
  ['圖', '图'],
  ['書', '书'],
  ['記', '记'],
  ['員', '员'],
  ['黨', '党'],
  ['紀', '纪'],
  ['組', '组'],
  ['織', '织'],
  ['傳', '传'],
  ['統', '统'],
  ['戰', '战'],
  ['編', '编'],
  ['軍', '军'],
  ['態', '态'],
  ['從', '从'],
  ['來', '来'],
  ['過', '过'],
  ['還', '还'],
  ['週', '周'],
  ['購', '购'],
  ['銷', '销'],
  ['質', '质'],
  ['貸', '贷'],
  ['隊', '队'],
  ['職', '职'],
  ['權', '权'],
  ['歸', '归'],
  ['藥', '药'],
  ['糧', '粮'],
  ['畝', '亩'],
  ['倉', '仓'],
  ['儲', '储'],
  ['庫', '库'],
  ['鐵', '铁'],
  ['線', '线'],
  ['橋', '桥'],
  ['燈', '灯'],
  ['鄰', '邻'],
  ['團', '团'],
  ['補', '补'],
  ['貼', '贴'],
  ['獎', '奖'],
  ['勵', '励'],
  ['養', '养'],
  ['殘', '残'],
  ['優', '优'],
  ['勞', '劳'],
  ['動', '动'],
  ['紮', '扎'],
];

const MAP = new Map<string, string>([...PAIRS, ...TRADITIONAL]);
const FOLDABLE = new RegExp(
  `[${[...PAIRS, ...TRADITIONAL].map(([from]) => from).join('')}\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]`,
  'g',
);

function foldChar(ch: string): string {
  // Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) sit 0xFEE0 above ASCII.
  return MAP.get(ch) ?? String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/** Fold a string to its ASCII-punctuation, half-width form, keeping its length. */
export function foldWidth(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}

/** Maps offsets of a text to 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
