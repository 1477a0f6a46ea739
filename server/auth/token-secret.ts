/**
 * The secret that signs API tokens: API_TOKEN_SECRET in production; on a developer machine a random
 * one is made once and kept in the git-ignored data folder, so tokens survive restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MIN_SECRET_LENGTH = 32;

export function loadTokenSecret(env: Record<string, string | undefined>, secretFile: string): string {
  const configured = env.API_TOKEN_SECRET?.trim();
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`API_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  if (existsSync(secretFile)) return readFileSync(secretFile, 'utf8').trim();
  mkdirSync(dirname(secretFile), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}
