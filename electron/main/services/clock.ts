/** Main's clock is the shared one (electron/shared/time/clock.ts): main and renderer read time the same way. */
export { type Clock, fixedClock, systemClock } from '../../shared/time/clock';
