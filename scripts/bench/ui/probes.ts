/**
 * What the benchmark installs in every page before the app's own scripts: timestamps taken in the page itself, so
 * that Playwright's polling (100 ms and more between checks) and the trip over CDP never count in a figure.
 *
 * - `watch(name, check)`: checks once per frame; the first time `check()` holds, `marks[name]` gets the time just
 *   after that frame was painted (rAF, then a message: the task after the frame).
 * - the last click and the last key press (capture listeners on window: before the app's handlers), as
 *   `event.timeStamp`, on the same clock as performance.now();
 * - per key press, while `keyLatencies` is an array: key → the end of the next frame (the typing latency);
 * - Event Timing entries (≥ 16 ms), long tasks and rAF frame times, while their arrays are set;
 * - the time of the last DOM change under an element (`observe`), to see when a region has settled.
 */
import type { BrowserContext, Page } from '@playwright/test';

export interface EventEntry {
  name: string;
  duration: number;
  interactionId: number;
  startTime: number;
}

export interface Probe {
  clickAt: number;
  keyAt: number;
  marks: Record<string, number>;
  keyLatencies: number[] | null;
  events: EventEntry[] | null;
  longTasks: { start: number; duration: number }[] | null;
  frames: number[] | null;
  lastMutation: number;
  watch(name: string, check: () => boolean): void;
  startFrames(): void;
  observe(element: Element): void;
}

declare global {
  interface Window {
    __bench: Probe;
  }
}

/** Runs in the page (serialised: self-contained, no imports). */
function installProbe(): void {
  if (window.__bench) return;
  const afterPaint = (done: (t: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });
  let observer: MutationObserver | null = null;
  const p: Probe = {
    clickAt: -1,
    keyAt: -1,
    marks: {},
    keyLatencies: null,
    events: null,
    longTasks: null,
    frames: null,
    lastMutation: -1,
    watch(name, check) {
      delete p.marks[name];
      const tick = () => {
        let ok = false;
        try {
          ok = check();
        } catch {
          ok = false;
        }
        if (ok) afterPaint((t) => (p.marks[name] = t));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    startFrames() {
      const frames: number[] = [];
      p.frames = frames;
      const loop = (t: number) => {
        if (p.frames !== frames) return;
        frames.push(t);
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    observe(element) {
      observer?.disconnect();
      p.lastMutation = -1;
      observer = new MutationObserver(() => (p.lastMutation = performance.now()));
      observer.observe(element, { subtree: true, childList: true, characterData: true, attributes: true });
    },
  };
  addEventListener('click', (e) => (p.clickAt = e.timeStamp), true);
  addEventListener(
    'keydown',
    (e) => {
      p.keyAt = e.timeStamp;
      const list = p.keyLatencies;
      if (list) afterPaint((t) => list.push(t - e.timeStamp));
    },
    true,
  );
  try {
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries() as (PerformanceEntry & { interactionId?: number })[]) {
        p.events?.push({ name: e.name, duration: e.duration, interactionId: e.interactionId ?? 0, startTime: e.startTime });
      }
    }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  } catch {
    // no Event Timing here: the cross-check is left out
  }
  try {
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries()) p.longTasks?.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  } catch {
    // no Long Tasks API here
  }
  window.__bench = p;
}

/**
 * Installs the probe in every page of `context`. tsx (esbuild, keepNames) wraps named functions in `__name(…)` calls,
 * which also end up in the source of the functions Playwright sends to the page: a no-op `__name` makes them run.
 */
export async function addProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: `globalThis.__name = globalThis.__name || ((f) => f);\n(${installProbe.toString()})();` });
}

/** Waits (generously: the app may be very slow) for `marks[name]` and returns it. */
export async function mark(page: Page, name: string, timeout = 180_000): Promise<number> {
  const handle = await page.waitForFunction((n) => window.__bench.marks[n], name, { timeout, polling: 100 });
  return (await handle.jsonValue()) as number;
}

/** Resolves after the page has painted `n` more frames. */
export function frames(page: Page, n = 2): Promise<void> {
  return page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    n,
  );
}

/** JS heap in use after a forced garbage collection (CDP), in MB, and the number of DOM elements. */
export async function heapAndDom(page: Page): Promise<{ heapMb: number; domElements: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const domElements = await page.evaluate(() => document.getElementsByTagName('*').length);
    return { heapMb: usedSize / 2 ** 20, domElements };
  } finally {
    await cdp.detach();
  }
}
