import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { IssueCode, IssueSeverity, type DocumentPath } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import { semanticToDefinitionIssue } from './issues';
import { checkDefinitionText } from './text-input';

export type SourceFormat = 'yaml' | 'json';

export type Position = { line: number; column: number };

/** A campaign text parsed into plain data, remembering where each value was written. */
export type CampaignSource = {
  file: string;
  data: unknown;
  /** Position of the value at `path` (for a missing key: its nearest written ancestor), and whether the path itself is written. */
  locate(path: DocumentPath, options?: { key?: boolean }): { position: Position | undefined; exact: boolean };
};

const SYNTAX_HINTS: Partial<Record<string, string>> = {
  DUPLICATE_KEY: '同一层级中字段名重复',
  BAD_INDENT: '缩进不正确',
  TAB_AS_INDENT: '不能用 Tab 缩进，请用空格',
  MISSING_CHAR: '缺少配对的括号或引号',
  BAD_SCALAR_START: '取值的开头字符不合规则，请加引号',
  UNEXPECTED_TOKEN: '出现了多余的符号',
  MULTILINE_IMPLICIT_KEY: '字段名不能跨行，可能缺少冒号或括号',
  MULTIPLE_DOCS: '一个文件只能写一份内容，不要用 --- 分成几份',
  BAD_DQ_ESCAPE: '双引号里的转义写法不正确',
  BLOCK_IN_FLOW: '花括号或方括号里不能换行写列表或字段',
  KEY_OVER_1024_CHARS: '字段名太长',
  BAD_ALIAS: '别名（*名称）写法不正确',
  RESOURCE_EXHAUSTION: '括号或缩进嵌套过深，请减少嵌套层数',
};

/** Aliases a document may expand in all: a seed uses none; an alias bomb needs thousands. */
const MAX_ALIAS_COUNT = 100;

/** The first alias (`*name`) of a document, where an alias bomb is reported. */
function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

type ParsedSource = { ok: true; source: CampaignSource } | { ok: false; issues: DefinitionIssue[] };

function child(node: Node | null | undefined, key: string | number): { value: Node | undefined; key: Node | undefined } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
    return pair ? { value: (pair.value ?? undefined) as Node | undefined, key: pair.key as Node } : undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key] as Node | undefined;
    return item ? { value: item, key: item } : undefined;
  }
  return undefined;
}

/**
 * Parses YAML or JSON (JSON is read by the same parser, so both get line and column numbers).
 * Syntax errors come back as issues, never as exceptions.
 */
export function parseSource(text: string, options: { file: string; format: SourceFormat }): ParsedSource {
  const textIssues = checkDefinitionText(text, options.file);
  if (textIssues.length > 0) return { ok: false, issues: textIssues };
  const lineCounter = new LineCounter();
  const toPosition = (node: Node | undefined): Position | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxIssue = (hint: string, position?: Position): DefinitionIssue => ({
    file: options.file,
    path: '',
    ...position,
    code: IssueCode.yamlSyntax,
    severity: IssueSeverity.error,
    message: `${options.format === 'json' ? 'JSON' : 'YAML'} 格式错误，文件无法读取：${hint}`,
  });
  // A UTF-8 BOM is fine; dropping it keeps the first line's columns right.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { keepSourceTokens: true, lineCounter, prettyErrors: false, uniqueKeys: true });
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    // Where (and how often) the parser's stack runs out depends on the engine: one issue, on the line.
    return { ok: false, issues: [{ ...syntaxIssue(SYNTAX_HINTS.RESOURCE_EXHAUSTION!), line: lineCounter.linePos(exhausted.pos[0]).line }] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return syntaxIssue(`${SYNTAX_HINTS[error.code] ?? '请检查这一行'}（${error.message.split('\n')[0]}）`, { line, column: col });
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const alias = firstAlias(doc);
    if (error instanceof ReferenceError && alias) {
      const issue = semanticToDefinitionIssue({ code: IssueCode.yamlAliasLimit, path: [], params: { alias: alias.source } }, []);
      return { ok: false, issues: [{ ...issue, file: options.file, ...toPosition(alias) }] };
    }
    return { ok: false, issues: [syntaxIssue(`无法转换为数据（${error instanceof Error ? error.message : String(error)}）`)] };
  }
  return {
    ok: true,
    source: {
      file: options.file,
      data,
      locate(path, { key = false } = {}) {
        let node = doc.contents as Node | undefined;
        for (const [i, segment] of path.entries()) {
          const next = child(node, segment);
          if (!next) return { position: toPosition(node), exact: false };
          // A key written without a value (`unit:` or `{ unit }`) is located at the key.
          node = key && i === path.length - 1 ? next.key : (next.value ?? next.key);
        }
        return { position: toPosition(node), exact: true };
      },
    },
  };
}
