/**
 * Keeps a page current: loads when the page opens, again every `everyMs` while the tab is visible
 * (escalations happen on the engine's timers, not on a click), and stops when the page closes.
 */
import { onBeforeUnmount, onMounted } from 'vue';

export function usePolling(load: () => Promise<void>, everyMs: number): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (document.visibilityState === 'visible') await load().catch(() => undefined);
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  onMounted(() => {
    void load().finally(() => {
      if (!stopped) timer = setTimeout(() => void tick(), everyMs);
    });
  });
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });
}
