/**
 * A request a page makes when it opens or when a person clicks: whether it is under way, and what
 * went wrong, in the words the API client gives it (`ApiError`'s Chinese message). Pages show
 * `error` in an alert and `busy` on their button; they never catch errors themselves.
 */
import { ref } from 'vue';
import { ApiError } from './api/client';

export const messageOf = (caught: unknown): string => (caught instanceof ApiError ? caught.message : String(caught));

/** `loading`: under way from the start (a page's first load), so an empty table does not say "none" before it has asked. */
export function useRequest(loading = false) {
  const busy = ref(loading);
  const error = ref('');
  /** Runs the request; its result, or undefined when it failed (and `error` says why). */
  async function run<T>(request: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = '';
    try {
      return await request();
    } catch (caught) {
      error.value = messageOf(caught);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, error, run };
}
