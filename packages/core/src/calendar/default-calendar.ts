/** The official calendar shipped with core: State Council holiday notices 2024–2026. */
import data from '../../data/holidays-cn.json' with { type: 'json' };
import { type Calendar, createCalendar } from './calendar.ts';

let cached: Calendar | null = null;

/** The calendar built from `data/holidays-cn.json` (built once, then shared: it is immutable). */
export function defaultCalendar(): Calendar {
  cached ??= createCalendar(data);
  return cached;
}
