/**
 * Console addresses of campaign runs and hazards. Run ids and hazard refs contain `@` and `:`, which
 * a path may carry as they are (RFC 3986 pchar), so the address a person reads and copies stays
 * readable: /console/hazards/hazard:jizhou-2024-root-cause@CN.tianjin.jizhou:JZ-001.
 */
const readableSegment = (value: string): string => encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%40/gi, '@');

export const campaignPath = (runId: string): string => `/campaigns/${readableSegment(runId)}`;
export const hazardPath = (ref: string): string => `/hazards/${readableSegment(ref)}`;
