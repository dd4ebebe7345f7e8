import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

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

export type LazyPage<P> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts loading the screen's code (e.g. the one a person lands on) without waiting for it to render. */
  preload: () => Promise<unknown>;
};

/**
 * A screen loaded when first opened, from its own chunk: `lazyPage(() => import('./X').then((m) => m.XPage))`.
 * Any failure to load it is a ChunkLoadError; React.lazy keeps that answer, so the screen stays failed until reload.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (cause: unknown) => {
        throw new ChunkLoadError(cause);
      },
    ));
  return Object.assign(lazy(start), { preload: start });
}
