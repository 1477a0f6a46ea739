import { addOffset, type Calendar } from './calendar';
import type { HazardLevelPolicy, HazardPolicy } from './hazard-policy.schema';
import { dateParts, makeDate, type LocalDate } from './local-date';

function levelPolicy(policy: HazardPolicy, level: string): HazardLevelPolicy {
  const found = policy.levels[level];
  if (!found) throw new RangeError(`hazard level "${level}" is not defined in the policy (${Object.keys(policy.levels).join(', ')})`);
  return found;
}

/**
 * The day by which a hazard of `level` registered on `registeredOn` must be rectified.
 * @example hazardDeadline(policy, 'major', '2024-03-10', calendar) // 'end-of-year' → '2024-12-31'
 */
export function hazardDeadline(policy: HazardPolicy, level: string, registeredOn: LocalDate, calendar: Calendar): LocalDate {
  const { deadline } = levelPolicy(policy, level);
  switch (deadline.kind) {
    case 'immediate':
      return registeredOn;
    case 'within':
      return addOffset(calendar, registeredOn, deadline);
    case 'end-of-year':
      return makeDate(dateParts(registeredOn).year, 12, 31);
    case 'by':
      // A hazard found after the common deadline still gets the day it was found, not a date in the past.
      return deadline.date < registeredOn ? registeredOn : deadline.date;
  }
}

/** The re-inspection (回头看) date after a hazard of `level` was closed, if the policy asks for one. */
export function reinspectionDate(policy: HazardPolicy, level: string, closedOn: LocalDate, calendar: Calendar): LocalDate | undefined {
  const { reinspectAfter } = levelPolicy(policy, level);
  return reinspectAfter ? addOffset(calendar, closedOn, reinspectAfter) : undefined;
}
