import { z } from 'zod';
import { IssueCode, IssueSeverity } from './issue-code';

/** One problem in a definition, located in its file and explained to a clerk. */
export const DefinitionIssue = z.object({
  file: z.string(),
  path: z.string().meta({ description: 'e.g. phases[2].end; empty for the whole document' }),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  message: z.string(),
  code: z.enum(IssueCode),
  severity: z.enum(IssueSeverity).meta({ description: 'error: the definition cannot be used; warning: it can, but a date rests on an assumption' }),
});
export type DefinitionIssue = z.infer<typeof DefinitionIssue>;
