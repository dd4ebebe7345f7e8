import { EventEmitter } from 'node:events';

/** Minimal stand-ins for Electron objects: enough surface for the glue under test, nothing more. */

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly id = 1) {
    super();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a navigation-like event the way Electron 41 does (details object first) and reports if it was blocked. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  attachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://evil.example/' });
    return prevented;
  }
}

type RequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  devicePermission: ((details: unknown) => boolean) | null = null;
  beforeRequest: RequestListener | null = null;
  headersReceived: HeadersListener | null = null;
  webRequest = {
    onBeforeRequest: (listener: RequestListener) => (this.beforeRequest = listener),
    onHeadersReceived: (listener: HeadersListener) => (this.headersReceived = listener),
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']): void {
    this.devicePermission = handler;
  }
}
