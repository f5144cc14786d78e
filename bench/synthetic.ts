/** Synthetic notices of any size, in the reference notice's table layout and in the label layout. */

const UNITS = [
  '市司法局及其他市政府部门,各区(市)政府、管委会',
  '市行政审批局、市发改委,各区(市)政府、管委会',
  '市政府各部门,各区(市)政府、管委会',
  '',
  '市市场监管局、市发改委、市行政审批局、市司法局及其他市政府行政执法部门,各区(市)政府、管委会',
];
const TEXTS = [
  '每年3月1日前,市、区(市)政府向同级党委报告上一年度法治政府建设情况,并在4月1日前向社会公开。',
  '建立备案审查联席会议机制,于每年1月底前和7月底前提交发文目录,确保“有件必备”。',
  '行政执法部门按不少于本单位执法人员总数5%的要求配备法制审核人员(至少1人)。',
  '每年至少组织1次专项监督、2次行政案卷评查,3个月内报送整改落实情况。',
  '2024年度完成50%,2025年度完成100%,实现公共法律服务三大平台满意率达到 90%以上。',
];
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function cn(n: number): string {
  if (n <= 10) return CN[n - 1]!;
  if (n < 20) return `十${CN[(n % 10) - 1] ?? ''}`;
  return `${CN[Math.floor(n / 10) - 1]}十${n % 10 === 0 ? '' : CN[(n % 10) - 1]}`;
}

const HEAD = `鹰潭市人民政府关于印发合成任务清单的通知
鹰府字〔2024〕99号2024年07月04日各区(市)人民政府,市政府各部门:
现印发给你们,请认真抓好贯彻落实。
2024年7月4日
合成任务清单
任务清单 | 责任单位 | |||
`;

/** A table-layout notice with `count` tasks in sections of 100 and subsections of 10. */
export function syntheticTableNotice(count: number): string {
  const rows: string[] = [HEAD];
  for (let i = 1; i <= count; i++) {
    const cells: string[] = [];
    if ((i - 1) % 100 === 0)
      cells.push(`${cn((((i - 1) / 100) % 99) + 1)}、第${Math.floor((i - 1) / 100) + 1}部分`);
    if ((i - 1) % 10 === 0)
      cells.push(`(${cn((((i - 1) / 10) % 10) + 1)})第${Math.floor((i - 1) / 10) + 1}小节`);
    const unit = (i - 1) % 10 === 0 ? UNITS[0]! : UNITS[i % UNITS.length]!;
    cells.push(String(i), TEXTS[i % TEXTS.length]!, unit);
    rows.push(`${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
