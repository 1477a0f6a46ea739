/**
 * Who calls the API: the claims a bearer token carries. Roles follow the people who use the engine:
 * bureaus author definitions, operators run and inspect campaigns in their jurisdiction and below,
 * units register and fix only their own hazards. The public needs no token (exposure list only).
 */
import { z } from 'zod';
import { Jurisdiction } from '../../definitions/campaign.schema';

export const Role = { author: 'author', operator: 'operator', unit: 'unit' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const ROLE_LABELS: Record<Role, string> = { author: '方案发布', operator: '行动管理', unit: '责任单位' };

export const Principal = z
  .object({
    sub: z.string().min(1).describe('who: a person or office, e.g. 区应急管理局 张三'),
    role: z.enum([Role.author, Role.operator, Role.unit]),
    jurisdiction: Jurisdiction,
    unitId: z.string().min(1).optional().describe('for the unit role: the unit it speaks for'),
  })
  .refine((p) => p.role !== Role.unit || p.unitId !== undefined, { message: 'a unit token must name its unitId', path: ['unitId'] });
export type Principal = z.infer<typeof Principal>;
