import { createContext, useContext } from 'react';

/** A context that must be provided: using it outside its provider fails loudly with `message`. */
export function createSafeContext<T>(message: string) {
  const Context = createContext<T | null>(null);
  const useSafeContext = (): T => {
    const value = useContext(Context);
    if (value === null) throw new Error(message);
    return value;
  };
  return [Context.Provider, useSafeContext] as const;
}
