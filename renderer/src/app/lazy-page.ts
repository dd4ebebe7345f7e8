import { type ComponentType, type ReactElement, createElement, lazy, useState } from 'react';

/**
 * A screen's code could not be loaded: its chunk is missing or unreachable (the app was updated or the browser-mode
 * server restarted with a new build while this page was open). Only reloading the app helps (PageErrorBoundary).
 */
export class ChunkLoadError extends Error {
  override name = 'ChunkLoadError';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

export type LazyPage<P> = ((props: P) => ReactElement) & {
  /** Starts loading the screen's code (e.g. the screens people land on) without waiting for it to render. */
  preload: () => Promise<unknown>;
};

/**
 * A screen loaded when first opened, from its own chunk: `lazyPage(() => import('./X').then((m) => m.XPage))`.
 * Any failure to load it is a ChunkLoadError; React.lazy keeps that answer, so the screen stays failed until reload.
 *
 * A screen whose code is already there (preloaded, or opened before) renders at once. Through React.lazy alone it
 * would suspend once anyway, and React holds back content that follows a shown fallback by 300 ms.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
        return { default: component };
      },
      (cause: unknown) => {
        throw new ChunkLoadError(cause);
      },
    ));
  const Lazy = lazy(start);
  function Page(props: P): ReactElement {
    // Chosen once per mounted screen: switching component types later would remount it and lose its state.
    const [component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(component, props);
  }
  return Object.assign(Page, { preload: start });
}
