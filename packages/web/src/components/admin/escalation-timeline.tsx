/**
 * The settings as a picture: where, around a due date, a deliverable turns yellow, is reminded,
 * urged and put under orange and red 督办 — in working days, as the form's values say.
 */
import { Typography } from 'antd';

type Props = {
  dueSoon: number;
  remind: number;
  orange: number;
  red: number;
};

type Mark = { at: number; label: string; color: string; above: boolean };

export function EscalationTimeline({ dueSoon, remind, orange, red }: Props) {
  const before = Math.max(dueSoon, remind, 1);
  const after = Math.max(red, orange, 1);
  const marks: Mark[] = [
    { at: -dueSoon, label: `黄灯 前${dueSoon}日`, color: '#d4b106', above: true },
    { at: -remind, label: `提醒 前${remind}日`, color: '#1677ff', above: false },
    { at: 0, label: '截止日', color: '#262626', above: true },
    { at: 1, label: '催办 逾期', color: '#fa8c16', above: false },
    { at: orange, label: `橙色督办 ${orange}日`, color: '#fa541c', above: true },
    { at: red, label: `红色督办 ${red}日`, color: '#cf1322', above: false },
  ];
  const width = 640;
  const pad = 70;
  const x = (d: number) => pad + ((d + before) / (before + after)) * (width - 2 * pad);
  const desc = `截止日前${dueSoon}个工作日亮黄灯，前${remind}个工作日提醒；逾期即催办，逾期${orange}个工作日发橙色督办单，${red}个工作日发红色督办单。`;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} 110`}
        width="100%"
        role="img"
        aria-label={desc}
        style={{ maxWidth: width, display: 'block' }}
      >
        <rect x={x(-before)} y={52} width={x(0) - x(-before)} height={6} fill="#fffbe6" />
        <rect x={x(-dueSoon)} y={52} width={x(0) - x(-dueSoon)} height={6} fill="#fadb14" />
        <rect x={x(0)} y={52} width={x(after) - x(0)} height={6} fill="#ffccc7" />
        <rect x={x(red)} y={52} width={Math.max(0, x(after) - x(red))} height={6} fill="#cf1322" />
        {marks.map((m) => (
          <g key={m.label}>
            <line x1={x(m.at)} x2={x(m.at)} y1={m.above ? 32 : 58} y2={m.above ? 52 : 78} stroke={m.color} />
            <circle cx={x(m.at)} cy={55} r={5} fill={m.color} />
            <text
              x={x(m.at)}
              y={m.above ? 24 : 96}
              textAnchor="middle"
              fontSize={12}
              fill={m.color}
              style={{ fontWeight: m.at === 0 ? 600 : 400 }}
            >
              {m.label}
            </text>
          </g>
        ))}
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {desc}（按工作日计）
      </Typography.Text>
    </figure>
  );
}
