import { useEffect, useState } from 'react';
import { Center, Loader, Progress } from '@mantine/core';
import { t } from '../i18n';
import classes from './PageFallback.module.css';

/** How long a screen may take to load before the app says so: most load well within it, and nothing flashes. */
export const PAGE_FALLBACK_DELAY_MS = 300;

/** False until `PAGE_FALLBACK_DELAY_MS` after mounting. */
function useDelayed(): boolean {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShow(true), PAGE_FALLBACK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return show;
}

/** While a screen's code loads at its first opening with nothing on screen yet: nothing at first, then a quiet spinner. */
export function PageFallback() {
  const show = useDelayed();
  return (
    <Center mih={240} role="status" aria-busy="true" aria-label={t.app.pageLoading}>
      {show ? <Loader size="md" color="gray" /> : null}
    </Center>
  );
}

/** While the next screen's code loads and the previous screen stays on display: a thin bar along the top, if it takes a moment. */
export function NavigationProgress() {
  const show = useDelayed();
  return show ? <Progress className={classes.bar} value={100} animated size={3} radius={0} color="navy" role="status" aria-label={t.app.pageLoading} /> : null;
}
