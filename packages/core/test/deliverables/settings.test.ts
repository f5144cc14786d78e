import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings } from '../../src/settings.ts';

describe('validateSettings', () => {
  it('accepts the defaults (quarterly, 5, 3, 5, 3, 5, 10, 3)', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      defaultCadence: 'quarterly',
      cadenceDueOffsetWorkdays: 5,
      coInputLeadWorkdays: 3,
      dueSoonWorkdays: 5,
      remindWorkdaysBefore: 3,
      superviseOrangeAfterWorkdays: 5,
      superviseRedAfterWorkdays: 10,
      replyWorkdays: 3,
    });
    expect(validateSettings({ ...DEFAULT_SETTINGS })).toEqual({ ok: true, value: DEFAULT_SETTINGS });
  });

  it('returns a fresh object, not the input', () => {
    const input = { ...DEFAULT_SETTINGS, defaultCadence: 'monthly' };
    const result = validateSettings(input);
    expect(result.ok && result.value).toEqual(input);
    expect(result.ok && result.value).not.toBe(input);
  });

  it('rejects non-objects', () => {
    for (const bad of [null, 3, 'x', []]) {
      expect(validateSettings(bad)).toEqual({
        ok: false,
        errors: [{ field: '', message: '督办设置应为对象' }],
      });
    }
  });

  it('names each bad field in Chinese', () => {
    const result = validateSettings({
      ...DEFAULT_SETTINGS,
      defaultCadence: 'weekly',
      dueSoonWorkdays: 2.5,
      replyWorkdays: 0,
      coInputLeadWorkdays: '3',
      extra: true,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.errors.map((e) => e.field).sort();
    expect(fields).toEqual([
      'coInputLeadWorkdays',
      'defaultCadence',
      'dueSoonWorkdays',
      'extra',
      'replyWorkdays',
    ]);
    const message = (f: string) => result.errors.find((e) => e.field === f)!.message;
    expect(message('defaultCadence')).toContain('quarterly(每季度)');
    expect(message('dueSoonWorkdays')).toContain('应为整数');
    expect(message('replyWorkdays')).toContain('应在 1 至 60 之间');
    expect(message('extra')).toContain('未知的设置项');
  });

  it('requires every field', () => {
    const { replyWorkdays: _, ...rest } = DEFAULT_SETTINGS;
    const result = validateSettings(rest);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'replyWorkdays', message: expect.stringContaining('缺少') }],
    });
  });

  it('red 督办 must come after orange', () => {
    const result = validateSettings({
      ...DEFAULT_SETTINGS,
      superviseOrangeAfterWorkdays: 10,
      superviseRedAfterWorkdays: 10,
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'superviseRedAfterWorkdays', message: expect.stringContaining('应大于橙色督办') }],
    });
  });

  it('accepts the range limits', () => {
    const result = validateSettings({
      defaultCadence: 'annual',
      cadenceDueOffsetWorkdays: 0,
      coInputLeadWorkdays: 0,
      dueSoonWorkdays: 0,
      remindWorkdaysBefore: 0,
      superviseOrangeAfterWorkdays: 1,
      superviseRedAfterWorkdays: 250,
      replyWorkdays: 60,
    });
    expect(result.ok).toBe(true);
  });
});
