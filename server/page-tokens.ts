/**
 * Page tokens as the API hands them out: Temporal's own token (opaque bytes), sealed with an HMAC
 * over the token and the visibility query it pages. A token the API did not issue for that query
 * — forged, altered, truncated, or taken from another listing — is refused here with 400, at once,
 * and never reaches Temporal (which would spend its time, and answer with errors that look like
 * its own failures).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { httpError } from './http-error';

export interface PageTokens {
  seal(raw: Uint8Array, query: string): string;
  /** Temporal's token inside a sealed one; 400 when it is not one this API issued for `query`. */
  open(token: string, query: string): Uint8Array;
}

/** `key` is the API's token secret; page tokens use a key derived from it, never the secret itself. */
export function createPageTokens(key: string): PageTokens {
  const pageKey = createHash('sha256').update(`page-tokens:${key}`).digest();
  const mac = (raw: Uint8Array, query: string): Buffer => createHmac('sha256', pageKey).update(query).update('\0').update(raw).digest().subarray(0, 16);
  return {
    seal: (raw, query) => `${Buffer.from(raw).toString('base64url')}.${mac(raw, query).toString('base64url')}`,
    open(token, query) {
      const [body, seal, extra] = token.split('.');
      if (body && seal && extra === undefined) {
        const raw = Buffer.from(body, 'base64url');
        const given = Buffer.from(seal, 'base64url');
        const expected = mac(raw, query);
        if (given.length === expected.length && timingSafeEqual(given, expected)) return raw;
      }
      throw httpError(400, 'nextPageToken is not one this listing gave out; start again without it (翻页令牌无效)');
    },
  };
}
