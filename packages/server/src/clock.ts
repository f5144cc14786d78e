/** Time comes from a clock, so tests pin it and the escalation pass can run "as of" a day. */

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next: string) => {
      t = new Date(next).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Asia/Shanghai, as YYYY-MM-DD: deadlines are Beijing days. */
export function shanghaiDay(date: Date): string {
  return DAY.format(date);
}
