/** The warning 003 carries while 2027 has no official calendar: its self-assessment falls due in 2027. */
export const jizhouSelfAssessmentWarning = (file: string) => ({
  file,
  path: 'duties[2].cadence.due',
  line: 121,
  column: 12,
  code: 'deadline-in-missing-year',
  severity: 'warning',
  message: '“治本攻坚三年行动自评报告”的截止日期 2027-01-22 在 2027 年，该年还没有国务院公布的节假日安排，这些日期是按周一至周五和固定日期的法定节日推算的，通知公布后可能变化。',
});
