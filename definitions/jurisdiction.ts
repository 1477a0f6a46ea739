/**
 * The jurisdiction hierarchy (辖区): `CN/tianjin/jizhou` lies within `CN/tianjin`, which lies within
 * `CN`. Every rule of "who may see or derive what" is built from these three functions.
 */

/**
 * Whether `jurisdiction` is `outer` itself or lies below it.
 * @example isWithinJurisdiction('CN/tianjin', 'CN/tianjin/jizhou') // true; ('CN/tianjin', 'CN/tianjinx') // false
 */
export function isWithinJurisdiction(outer: string, jurisdiction: string): boolean {
  return jurisdiction === outer || jurisdiction.startsWith(`${outer}/`);
}

/**
 * The jurisdictions above one, from the top down.
 * @example jurisdictionsAbove('CN/tianjin/jizhou') // ['CN', 'CN/tianjin']
 */
export function jurisdictionsAbove(jurisdiction: string): string[] {
  const parts = jurisdiction.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Whether two jurisdictions lie on one line of the hierarchy (one within the other): a province's
 * plan concerns its cities and a city's plan concerns its province; siblings do not concern each other.
 */
export function onOneLine(a: string, b: string): boolean {
  return isWithinJurisdiction(a, b) || isWithinJurisdiction(b, a);
}
