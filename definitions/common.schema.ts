import { z } from 'zod';

/** Identifier of a phase, duty, ladder, unit…: lower-case letters, digits and hyphens. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: '编号只能用小写字母、数字和连字符，例如 self-inspection' })
  .meta({ id: 'Id', description: '编号（小写字母、数字、连字符）' });
export type Id = z.infer<typeof Id>;

/** A label shown to people: Chinese first, English optional. */
export const LocalizedText = z
  .strictObject({
    zh: z.string().min(1, { error: '中文名称不能为空' }),
    en: z.string().min(1).optional(),
  })
  .meta({ id: 'LocalizedText', description: '名称：zh 中文（必填），en 英文（可选）' });
export type LocalizedText = z.infer<typeof LocalizedText>;
