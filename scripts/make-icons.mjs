#!/usr/bin/env node
// Draws the app's icons (src/web/public/icons/*.png) with Debian's Chromium: the 組 mark
// on the brand red, as the favicon shows it. Run once after changing the mark; the PNGs
// are committed, so neither the build nor the server draws anything.
// `maskable` icons keep the mark inside the central 80 % circle a launcher may crop to.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const out = new URL('../src/web/public/icons/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new'],
});
const page = await browser.newPage();
for (const size of [192, 512]) {
  for (const maskable of [false, true]) {
    await page.setViewportSize({ width: size, height: size });
    const glyph = Math.round(size * (maskable ? 0.5 : 0.66));
    await page.setContent(`<!doctype html><html><body style="margin:0">
      <div style="width:${size}px;height:${size}px;background:#b3261e;display:flex;align-items:center;
        justify-content:center;border-radius:${maskable ? 0 : Math.round(size * 0.18)}px;
        font:700 ${glyph}px 'Noto Sans CJK JP','Noto Serif CJK JP',sans-serif;color:#fff;line-height:1">組</div>
      </body></html>`);
    const name = `icon-${size}${maskable ? '-maskable' : ''}.png`;
    await page.screenshot({ path: join(out, name), omitBackground: true });
    console.log(name);
  }
}
await browser.close();
