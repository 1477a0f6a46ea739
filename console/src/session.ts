/**
 * Who is signed in: the token pasted at sign-in (kept in sessionStorage, so it lasts as long as
 * the browser tab and no longer), the principal the API says it carries (GET /me), and the
 * vocabulary labels every screen shows. Screens read `session` and offer only what `may` allows.
 */
import { reactive } from 'vue';
import { api, useToken } from './api/client';
import type { Me, Permission, Vocabulary } from './api/types';

const TOKEN_KEY = 'campaign-engine.console.token';

export const session = reactive<{ me: Me | null; vocabulary: Vocabulary | null }>({ me: null, vocabulary: null });

/** Checks the token with the API; kept only when it is valid. Throws the API's refusal. */
export async function signIn(token: string): Promise<Me> {
  const me = await api.me(token);
  sessionStorage.setItem(TOKEN_KEY, token);
  useToken(token);
  session.me = me;
  return me;
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  useToken(null);
  session.me = null;
}

let restoring: Promise<void> | undefined;

/** After a reload: the kept token, checked again (a token that expired meanwhile signs out). */
export function restoreSession(): Promise<void> {
  restoring ??= (async () => {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) return;
    try {
      await signIn(token);
    } catch {
      signOut();
    }
  })();
  return restoring;
}

let loadingVocabulary: Promise<Vocabulary> | undefined;

/** The labels, fetched once; a failed fetch is tried again on the next call. */
export function loadVocabulary(): Promise<Vocabulary> {
  loadingVocabulary ??= api.vocabulary().then(
    (vocabulary) => (session.vocabulary = vocabulary),
    (error: unknown) => {
      loadingVocabulary = undefined;
      throw error;
    },
  );
  return loadingVocabulary;
}

export const may = (permission: Permission): boolean => session.me?.may[permission] === true;

/** Where a person lands after signing in: the screen of their role's daily work. */
export function homeOf(me: Me): string {
  if (me.role === 'unit') return '/duties';
  if (me.may.readCampaigns) return '/campaigns';
  return '/definitions';
}
