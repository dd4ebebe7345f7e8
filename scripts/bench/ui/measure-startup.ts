/**
 * Start-up to the first usable screen, each pass in a new browser context (nothing cached, a new tab):
 * - the page: goto → the sign-in screen's password field enabled and painted;
 * - sign-in: the click on 登录 → the first screen after sign-in (a mediator's 我的工作台) with its heading painted,
 *   and → its content loaded (no spinner left in the main area).
 * The launch code in the server's address is good for one exchange: the first context trades it for the browser
 * cookie, the later ones are given that cookie (a browser coming back) and open the bare address.
 */
import type { Browser, BrowserContextOptions, Cookie } from '@playwright/test';
import type { AppServer } from '../../../tests/e2e/app-server';
import { addProbe, mark } from './probes';
import { MEDIATOR } from './seed';
import { type Metrics, median } from './stats';

export const HOME_HEADING = '我的工作台';
const LONG = 180_000;

/** A context signed into the desk connection (the launch code, or the cookie of an earlier one). */
export async function openContext(browser: Browser, server: AppServer, options: BrowserContextOptions, cookies: Cookie[] | null) {
  const context = await browser.newContext(options);
  await addProbe(context);
  if (cookies) await context.addCookies(cookies);
  return { context, url: cookies ? `${server.origin}/` : server.url };
}

/** Fills in the mediator's sign-in and installs the watches for the screen after it; the caller clicks 登录. */
export async function fillSignIn(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('textbox', { name: '登录名', exact: true }).fill(MEDIATOR.loginName, { timeout: LONG });
  await page.getByRole('textbox', { name: '密码', exact: true }).fill(MEDIATOR.password);
  await page.evaluate((heading) => {
    const hasHeading = () => [...document.querySelectorAll('main h1, main h2')].some((h) => h.textContent?.trim() === heading);
    window.__bench.watch('home', hasHeading);
    window.__bench.watch('home-loaded', () => hasHeading() && !document.querySelector('main .mantine-Loader-root'));
  }, HOME_HEADING);
}

export async function measureStartup(browser: Browser, server: AppServer, options: BrowserContextOptions, log: (msg: string) => void): Promise<{ metrics: Metrics; cookies: Cookie[] }> {
  let cookies: Cookie[] | null = null;
  const screens: number[] = [];
  const homes: number[] = [];
  const loaded: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const { context, url } = await openContext(browser, server, options, cookies);
    try {
      // From the document's first frame on: the password field, enabled and on screen.
      await context.addInitScript(() =>
        window.__bench.watch('sign-in', () => {
          const field = document.querySelector<HTMLInputElement>('input[type="password"]');
          return !!field && !field.disabled && field.offsetParent !== null;
        }),
      );
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(url);
      const at = await mark(page, 'sign-in', LONG);
      // The mark is on the page's clock (from its navigation start); timeOrigin puts it on the wall clock.
      screens.push((await page.evaluate(() => performance.timeOrigin)) + at - t0);
      cookies ??= await context.cookies();

      await fillSignIn(page);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const clicked = await page.evaluate(() => window.__bench.clickAt);
      homes.push((await mark(page, 'home', LONG)) - clicked);
      loaded.push((await mark(page, 'home-loaded', LONG)) - clicked);
      log(`start-up: sign-in screen ${screens.at(-1)!.toFixed(0)} ms, ${HOME_HEADING} ${homes.at(-1)!.toFixed(0)} ms after 登录`);
    } finally {
      await context.close();
    }
  }
  return {
    metrics: {
      startup_signin_screen_ms: median(screens),
      startup_signin_screen_first_ms: screens[0]!,
      startup_after_signin_ms: median(homes),
      startup_after_signin_loaded_ms: median(loaded),
    },
    cookies: cookies!,
  };
}
