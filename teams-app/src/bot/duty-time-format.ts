import type { Language } from './bot-language.ts';

/** How the bot writes instants and periods: in the number's time zone, the user's language, 24 hours. */
export interface DutyTimeFormat {
  /** "do 25 mrt" / "Thu 25 Mar" */
  day(instant: number): string;
  /** "17:00" */
  time(instant: number): string;
  /** "do 25 mrt 17:00" */
  instant(instant: number): string;
  /** "do 25 mrt 08:00–17:00", or "do 25 mrt 17:00 – vr 26 mrt 08:00" across days. */
  period(start: number, end: number): string;
}

const locales: Readonly<Record<Language, string>> = { nl: 'nl-NL', en: 'en-GB' };

export const createDutyTimeFormat = (language: Language, timeZone: string): DutyTimeFormat => {
  const locale = locales[language];
  const dayFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const day = (instant: number) => dayFormat.format(instant);
  const time = (instant: number) => timeFormat.format(instant);
  const instant = (at: number) => `${day(at)} ${time(at)}`;
  return {
    day,
    time,
    instant,
    period: (start, end) =>
      day(start) === day(end) ? `${instant(start)}–${time(end)}` : `${instant(start)} – ${instant(end)}`,
  };
};
