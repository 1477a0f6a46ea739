/** Dates and times as a Chinese office writes them, in Beijing time whatever the browser's zone. */
const instant = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** An ISO instant as 2025/06/30 14:05 (Beijing time); a dash when there is none. */
export const formatInstant = (iso: string | null | undefined): string => (iso ? instant.format(new Date(iso)) : '—');

/** The Beijing date of an ISO instant, YYYY-MM-DD. */
export const beijingDate = (iso: string | Date): string => day.format(typeof iso === 'string' ? new Date(iso) : iso);
