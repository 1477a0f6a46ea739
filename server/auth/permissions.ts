/**
 * What each role may do, by name: what GET /me tells a client (the console offers only these) and
 * what test/server/permissions.test.ts holds every route to, so the two cannot drift apart.
 * Scope (jurisdiction, own unit) is checked per call on top of this; see auth.plugin.ts.
 */
import { Role } from './principal.schema';

export const PERMISSIONS = {
  readDefinitions: [Role.author, Role.operator, Role.unit],
  validateDefinitions: [Role.author, Role.operator, Role.unit],
  publishDefinitions: [Role.author],
  readCampaigns: [Role.operator, Role.unit],
  startCampaigns: [Role.operator],
  migrateCampaigns: [Role.operator],
  importLedgers: [Role.operator],
  applyCalendars: [Role.operator],
  readCalendars: [Role.author, Role.operator, Role.unit],
  submitDuties: [Role.unit, Role.operator],
  confirmMilestones: [Role.unit, Role.operator],
  reportEvents: [Role.unit, Role.operator],
  readHazards: [Role.unit, Role.operator],
  registerHazards: [Role.unit, Role.operator],
  rectifyHazards: [Role.unit, Role.operator],
  requestExtensions: [Role.unit, Role.operator],
  verifyHazards: [Role.operator],
  decideExtensions: [Role.operator],
  recordReinspections: [Role.operator],
  inspectRuns: [Role.operator],
  readReports: [Role.operator, Role.unit],
  withdrawExposures: [Role.operator],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Every permission with whether the role holds it. */
export function permissionsOf(role: Role): Record<Permission, boolean> {
  return Object.fromEntries(PERMISSION_NAMES.map((name) => [name, (PERMISSIONS[name] as readonly Role[]).includes(role)])) as Record<Permission, boolean>;
}
