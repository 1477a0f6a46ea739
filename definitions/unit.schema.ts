import { z } from 'zod';
import { Id } from './common.schema';

/**
 * A unit (单位): a responsible unit, a lead department, a 镇(街道) or 村(社区). Units may name their
 * `parent` one level up (区 → 镇(街道) → 村(社区)), which is whom 逐级约谈 addresses, and the
 * `sector` (行业领域) they belong to, whose supervising department sector-wide measures address.
 */
export const Unit = z
  .strictObject({
    id: Id,
    name: z.string().min(1),
    parent: Id.optional().meta({ description: '上级单位编号（逐级约谈时约谈其主要负责人）' }),
    sector: Id.optional().meta({ description: '所属行业领域编号（见 sectors）' }),
    head: z.string().min(1).optional().meta({ description: '主要负责人（姓名或职务），约谈通知写明' }),
  })
  .meta({ id: 'Unit', description: '单位' });
export type Unit = z.infer<typeof Unit>;

/** A sector (行业领域: 高层建筑、商业综合体、学校、养老机构…) and the department that supervises it (行业主管部门). */
export const Sector = z
  .strictObject({
    id: Id,
    name: z.string().min(1).meta({ description: '行业领域名称，如“养老机构”' }),
    department: Id.meta({ description: '行业主管部门的单位编号（在 organisation 的 leadDepartments 或 units 中登记）' }),
  })
  .meta({ id: 'Sector', description: '行业领域' });
export type Sector = z.infer<typeof Sector>;
