/**
 * Visibility-query fragments that keep listings inside a caller's jurisdiction. The server filters
 * in Temporal's visibility store (so pages are not emptied after the fact) and again in code, so a
 * listing can never show a run from a jurisdiction the caller may not see.
 */
import { Jurisdiction } from '../definitions/campaign.schema';

/** The schema allows no quotes or spaces, so a checked jurisdiction is safe inside a query literal. */
const checked = (jurisdiction: string): string => Jurisdiction.parse(jurisdiction);

/** `Jurisdiction` equal to this one or below it (CN/tianjin matches CN/tianjin/jizhou, not CN/tianjinx). */
export function jurisdictionAndBelowQuery(jurisdiction: string): string {
  const own = checked(jurisdiction);
  return `(Jurisdiction = '${own}' OR Jurisdiction STARTS_WITH '${own}/')`;
}

/** The jurisdictions above this one, nearest last: CN/tianjin/jizhou → CN, CN/tianjin. */
export function jurisdictionsAbove(jurisdiction: string): string[] {
  const parts = checked(jurisdiction).split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** `Jurisdiction` this one, below it, or above it: the plans that concern a caller (a province plan concerns its cities). */
export function jurisdictionLineageQuery(jurisdiction: string): string {
  const above = jurisdictionsAbove(jurisdiction);
  const clauses = [jurisdictionAndBelowQuery(jurisdiction), ...(above.length > 0 ? [`Jurisdiction IN (${above.map((j) => `'${j}'`).join(', ')})`] : [])];
  return `(${clauses.join(' OR ')})`;
}
