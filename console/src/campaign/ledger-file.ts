/** A ledger file the operator picked, as POST /campaigns/{run}/imports takes it: its name, format and base64 content. */
import type { LedgerImportBody } from '../api/types';

export type LedgerFile = Extract<LedgerImportBody, { file: unknown }>['file'];

/** The format a file's name says, or undefined for one the import does not read. */
export function ledgerFormatOf(name: string): LedgerFile['format'] | undefined {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : undefined;
}

/** The file read for the import, or why it cannot be. */
export async function ledgerFileOf(file: File): Promise<LedgerFile | string> {
  const format = ledgerFormatOf(file.name);
  if (!format) return '只能导入 .csv 或 .xlsx 文件';
  return { name: file.name.slice(0, 200), format, content: base64Of(new Uint8Array(await file.arrayBuffer())) };
}

/** Bytes as base64, a slice at a time (one call with every byte as an argument would overflow the stack). */
export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
