/** GET /me: the principal a bearer token carries, as a client shows it, and what its role may do. */
import { z } from 'zod';
import { Jurisdiction } from '../../definitions/campaign.schema';
import { PERMISSION_NAMES } from '../auth/permissions';
import { Role } from '../auth/principal.schema';

export const Me = z.object({
  sub: z.string().describe('who: a person or office'),
  role: z.enum([Role.author, Role.operator, Role.unit]),
  roleLabel: z.string().describe('the role in Chinese: 方案发布 / 行动管理 / 责任单位'),
  jurisdiction: Jurisdiction,
  unitId: z.string().optional().describe('for the unit role: the unit it speaks for'),
  may: z.record(z.enum(PERMISSION_NAMES), z.boolean()).describe('each permission (server/auth/permissions.ts) and whether this role holds it'),
});
export type Me = z.infer<typeof Me>;
