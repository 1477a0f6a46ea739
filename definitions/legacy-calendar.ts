/**
 * The official years as the `chinese-days` 1.5.7 package held them (2004–2026), frozen: runs of
 * engine 0.1 read that package at run time, so their histories replay on exactly this table. Never
 * edit it (scripts/import-official-calendars.ts wrote it); corrections and new years go to
 * `calendars/<year>.yaml`, which runs carry from their start.
 */
import type { OfficialYear } from './calendar-year.schema';
import legacy from './legacy-calendar.json';

export const LEGACY_OFFICIAL_YEARS: readonly OfficialYear[] = legacy.years;
