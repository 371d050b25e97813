// Headless Chromium for the browser suites (Debian's package, never a downloaded build), through
// playwright-core. Without a Chromium a suite is skipped and says how to enable it (install Debian's
// `chromium` or point CHROMIUM_PATH at an executable); with REQUIRE_BROWSER=1 (set by .ci/run,
// which installs Chromium) a missing browser is a failure instead. SKIP_BROWSER_TESTS=1 skips on purpose.

import * as fs from 'fs';
import type { AddressInfo } from 'net';
import { chromium, Browser } from 'playwright-core';
import type { LocalServer } from '../../src/server/app';

/** Where a Debian or Ubuntu package puts Chromium; CHROMIUM_PATH overrides (and is then the only candidate). */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const browserRequired = process.env.REQUIRE_BROWSER === '1';
/** An explicit skip; REQUIRE_BROWSER=1 (CI) overrides it. */
const skipRequested = process.env.SKIP_BROWSER_TESTS === '1' && !browserRequired;
const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CHROMIUM_CANDIDATES;
const CHROMIUM = candidates.find((file) => fs.existsSync(file));
const HOW_TO_ENABLE = 'install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable';

/** Whether the browser suites run. */
export const withChromium = CHROMIUM !== undefined && !skipRequested;

/** Call once per suite file: registers the test that says why the suite is skipped (or fails when Chromium is required). */
export function reportMissingChromium(): void {
  if (CHROMIUM || skipRequested) return;
  const reason = `no Chromium found (looked for ${candidates.join(', ')}): ${HOW_TO_ENABLE}`;
  if (browserRequired) {
    test('Chromium is installed for the browser test (REQUIRE_BROWSER=1)', () => {
      throw new Error(`REQUIRE_BROWSER=1 but ${reason}.`);
    });
  } else {
    console.info(`Browser suite skipped: ${reason}. Set REQUIRE_BROWSER=1 to make a missing browser fail.`);
    test.skip(`browser suite skipped: ${reason}`, () => undefined);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/**
 * Listens on 127.0.0.1 and returns the base URL with `localhost`, not 127.0.0.1: Chromium keeps
 * Secure cookies only on https or http://localhost.
 */
export async function listenOnLocalhost(local: LocalServer): Promise<string> {
  await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
  return `http://localhost:${(local.server.address() as AddressInfo).port}`;
}

/** Polls `probe` until it gives a value (every 50 ms, 5 s by default). */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}
