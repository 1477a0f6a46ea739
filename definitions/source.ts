import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { IssueCode, type DocumentPath } from './issue-code';
import type { DefinitionIssue } from './issue.schema';

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
};

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { keepSourceTokens: true, lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file: options.file,
          path: '',
          line: position.line,
          column: position.col,
          code: IssueCode.yamlSyntax,
          message: `${options.format === 'json' ? 'JSON' : 'YAML'} 格式错误，文件无法读取：${SYNTAX_HINTS[error.code] ?? '请检查这一行'}（${error.message.split('\n')[0]}）`,
        };
      }),
    };
  }
  const toPosition = (node: Node | undefined): Position | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    ok: true,
    source: {
      file: options.file,
      data: doc.toJS({ maxAliasCount: 100 }) as unknown,
      locate(path, { key = false } = {}) {
        let node = doc.contents as Node | undefined;
        for (const [i, segment] of path.entries()) {
          const next = child(node, segment);
          if (!next) return { position: toPosition(node), exact: false };
          node = key && i === path.length - 1 ? next.key : next.value;
        }
        return { position: toPosition(node), exact: true };
      },
    },
  };
}
