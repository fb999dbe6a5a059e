import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** True once the page is hydrated (false in the server's HTML and without JavaScript). */
export const useHydrated = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
