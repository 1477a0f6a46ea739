/**
 * What a definition text must be before it is parsed: strict UTF-8 (a BOM is fine), no larger than
 * {@link MAX_DEFINITION_BYTES}. A GBK file read as UTF-8 would otherwise put mojibake into every
 * title and 通报 template; a 20 MB upload would tie up the parser. Pure: bytes or text in, issues out.
 */
import { IssueCode, type IssueCode as Code } from './issue-code';
import type { DefinitionIssue } from './issue.schema';
import { semanticToDefinitionIssue } from './issues';

/** 1 MiB: a campaign or a year's calendar is a few KB (the seeds are about 10 KB). */
export const MAX_DEFINITION_BYTES = 1024 * 1024;

export type DecodedDefinition = { ok: true; text: string } | { ok: false; issues: DefinitionIssue[] };

const REPLACEMENT_CHARACTER = '\uFFFD';

function issueAt(code: Code, file: string, params: Record<string, string>, position?: { line: number; column: number }): DefinitionIssue {
  return { ...semanticToDefinitionIssue({ code, path: [], params }, []), file, ...position };
}

/** KB up to 10 MiB, so a file just over the limit does not read as "1.0 MiB, over 1.0 MiB". */
function formatSize(bytes: number): string {
  return bytes >= 10 * 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The size limit, checked before anything is read or parsed.
 * @returns one issue when `byteLength` is over {@link MAX_DEFINITION_BYTES}, else none
 */
export function checkDefinitionSize(byteLength: number, file: string): DefinitionIssue[] {
  if (byteLength <= MAX_DEFINITION_BYTES) return [];
  return [issueAt(IssueCode.fileTooLarge, file, { size: formatSize(byteLength), limit: formatSize(MAX_DEFINITION_BYTES) })];
}

/** Bytes of a string in UTF-8, without building them. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const [length, min, max] =
      lead < 0x80 ? [1, 0, 0]
      : lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
      : lead === 0xe0 ? [3, 0xa0, 0xbf]
      : lead === 0xed ? [3, 0x80, 0x9f]
      : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
      : lead === 0xf0 ? [4, 0x90, 0xbf]
      : lead === 0xf4 ? [4, 0x80, 0x8f]
      : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
      : [0, 0, 0];
    if (length === 0) return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (next === undefined || next < low || next > high) return i;
    }
    i += length;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset; the line's start is read leniently. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset))].length + 1 };
}

/** Line and column (1-based, in characters) of a string index. */
function textPosition(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}

const decodes = (encoding: string, bytes: Uint8Array): boolean => {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The encoding a non-UTF-8 definition most likely has, in the words a clerk's editor uses. */
function likelyEncoding(bytes: Uint8Array): string {
  const [first, second] = bytes;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return 'UTF-16（Unicode）';
  if (decodes('gb18030', bytes)) return 'GBK/GB18030（中文 Windows 的默认编码）';
  if (decodes('big5', bytes)) return 'Big5（繁体中文）';
  return '其他编码';
}

/**
 * Checks a definition text before parsing: its size, and that it never went through a lossy or a
 * wrong decode (U+FFFD, the replacement character; NUL, which a UTF-16 file read as UTF-8 is full of).
 * @returns the issues (empty when the text may be parsed)
 */
export function checkDefinitionText(text: string, file: string): DefinitionIssue[] {
  // A string has at least as many UTF-8 bytes as UTF-16 units: a long one is refused without counting.
  const tooLarge = checkDefinitionSize(text.length > MAX_DEFINITION_BYTES ? text.length : utf8Length(text), file);
  if (tooLarge.length > 0) return tooLarge;
  const lossy = text.indexOf(REPLACEMENT_CHARACTER);
  if (lossy >= 0) return [issueAt(IssueCode.notUtf8, file, { encoding: 'GBK/GB18030 等非 UTF-8 编码（文件已被按错误的编码读取过，出现了“\uFFFD”）' }, textPosition(text, lossy))];
  const nul = text.indexOf('\0');
  if (nul >= 0) return [issueAt(IssueCode.notUtf8, file, { encoding: 'UTF-16（Unicode）' }, textPosition(text, nul))];
  return [];
}

/**
 * Decodes a definition file's bytes as strict UTF-8 (a leading BOM is dropped). Anything else is
 * refused with the likely encoding and how to fix it, located at the first byte that is not UTF-8;
 * a file over {@link MAX_DEFINITION_BYTES} is refused before it is decoded.
 * @example decodeDefinitionBytes(readFileSync('plan.yaml'), 'plan.yaml')
 */
export function decodeDefinitionBytes(bytes: Uint8Array, file: string): DecodedDefinition {
  const tooLarge = checkDefinitionSize(bytes.length, file);
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge };
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    const encoding = likelyEncoding(bytes);
    // A UTF-16 file has no lines a UTF-8 reader could count.
    const position = encoding.startsWith('UTF-16') ? undefined : bytePosition(bytes, invalid);
    return { ok: false, issues: [issueAt(IssueCode.notUtf8, file, { encoding }, position)] };
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const issues = checkDefinitionText(text, file);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, text };
}
