/** The calendar coverage the settings page shows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestApp, testApp } from '../helpers/harness.ts';

describe.each(DIALECTS)('calendar coverage on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { now: '2026-06-15T02:00:00.000Z' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the years with State Council data, their holidays and 调休 days, and flags next year', async () => {
    const reporter = await t.login(await t.user('reporter', '市财政局'));
    const res = await t.request(reporter, 'GET', '/api/settings/calendar');
    expect(res.statusCode).toBe(200);
    const info = res.json();
    expect(info.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026]);
    // 国办发明电〔2024〕12号: weekdays off 元旦1 + 春节6 + 清明1 + 劳动节3 + 端午1 + 国庆中秋6;
    // 调休上班 1.26, 2.8, 4.27, 9.28, 10.11. 2025 has 261 weekdays.
    const y2025 = info.years.find((y: { year: number }) => y.year === 2025);
    expect(y2025).toMatchObject({ weekdaysOff: 18, makeupWorkdays: 5 });
    expect(y2025.workingDays).toBe(261 - y2025.weekdaysOff + y2025.makeupWorkdays);
    expect(info.today).toBe('2026-06-15');
    expect(info.upcoming).toEqual([
      { year: 2026, hasData: true },
      { year: 2027, hasData: false },
    ]);
    expect((await t.request(null, 'GET', '/api/settings/calendar')).statusCode).toBe(401);
  });
});
