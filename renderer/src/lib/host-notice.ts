/**
 * Which banner tells the person that the host cannot be reached. The app-wide one (HostStatusBanner) speaks for
 * every screen; a screen that says it better itself (the session editor: what is kept where, when it is saved again)
 * claims the notice while it is shown, so that the person never reads two banners about the same thing.
 */
let claims = 0;
const listeners = new Set<() => void>();

export function claimHostNotice(): () => void {
  claims += 1;
  listeners.forEach((l) => l());
  let released = false;
  return () => {
    if (released) return;
    released = true;
    claims -= 1;
    listeners.forEach((l) => l());
  };
}

export function hostNoticeClaimed(): boolean {
  return claims > 0;
}

export function onHostNoticeClaims(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
