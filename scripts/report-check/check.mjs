// Opens DIR/index.html in Debian's headless Chromium (through playwright-core, which drives an
// installed browser and downloads none) and checks what a reader would see: every <img> loaded
// with a real size, the result tables present, no page errors. Writes DIR/screenshot.png.
// usage: node check.mjs REPORT_DIR [CHROMIUM_PATH]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const dir = path.resolve(process.argv[2] ?? '.');
const index = path.join(dir, 'index.html');
if (!fs.existsSync(index)) { console.error(`check-report: ${index} not found`); process.exit(2); }
const browser = await chromium.launch({
  executablePath: process.argv[3] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const errors = [];
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on('pageerror', e => errors.push(String(e)));
await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
const facts = await page.evaluate(() => ({
  images: [...document.images].map(i => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
  resultTables: document.querySelectorAll('table.results').length,
  machineRows: document.querySelectorAll('#machine tr').length - 1,
  gemmTable: document.querySelectorAll('#gemm').length,
}));
await page.screenshot({ path: path.join(dir, 'screenshot.png'), fullPage: false });
await browser.close();
const broken = facts.images.filter(i => !i.ok);
console.log(`report ${index}: ${facts.images.length} images (${broken.length} broken), ${facts.resultTables} result tables, `
  + `${facts.machineRows} machine facts, ${errors.length} page errors`);
for (const b of broken) console.log(`  broken image: ${b.src}`);
for (const e of errors) console.log(`  page error: ${e}`);
const ok = facts.images.length > 0 && broken.length === 0 && facts.resultTables > 0 && facts.machineRows > 0 && errors.length === 0;
process.exit(ok ? 0 : 1);
