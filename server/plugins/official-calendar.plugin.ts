/**
 * The State Council's calendars the API counts working days on (definitions/calendars/, loaded once
 * by the process entry) as a shared resource: definitions are validated and planned on them, and a
 * campaign run started or updated here carries the years it needs (definitions/run-calendar.ts).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { OfficialYear } from '../../definitions/calendar-year.schema';

declare module 'fastify' {
  interface FastifyInstance {
    officialCalendar: readonly OfficialYear[];
  }
}

export const officialCalendarPlugin = fp(
  async (app: FastifyInstance, options: { years: readonly OfficialYear[] }) => {
    app.decorate('officialCalendar', options.years);
  },
  { name: 'official-calendar' },
);
