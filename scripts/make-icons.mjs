// Makes every icon electron-builder needs from resources/icons/icon.svg: PNGs 16–1024 (rendered by
// Chromium, which the e2e tests use anyway, so no image library is needed), icon.ico and icon.icns.
// Usage: node scripts/make-icons.mjs   (re-run after changing the SVG; the outputs are committed)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const iconsDir = join(import.meta.dirname, "..", "resources/icons");
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync(join(iconsDir, "icon.svg"), "utf8");

/** ICO: a directory of PNG images (Windows Vista and later read PNG entries). */
export function packIco(images) {
  const entries = images.filter(({ size }) => size <= 256);
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size === 256 ? 0 : size, at);
    header.writeUInt8(size === 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(({ png }) => png)]);
}

/** ICNS: typed PNG chunks; the codes are Apple's for 16–1024 px (retina variants included). */
const icnsTypes = { 16: ["icp4"], 32: ["icp5", "ic11"], 64: ["icp6", "ic12"], 128: ["ic07"], 256: ["ic08", "ic13"], 512: ["ic09", "ic14"], 1024: ["ic10"] };
export function packIcns(images) {
  const chunks = images.flatMap(({ size, png }) =>
    (icnsTypes[size] ?? []).map((type) => {
      const head = Buffer.alloc(8);
      head.write(type, 0, "ascii");
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    }),
  );
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write("icns", 0, "ascii");
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function render() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = await browser.newPage();
    const images = [];
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      images.push({ size, png });
    }
    return images;
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const images = await render();
  const pngDir = join(iconsDir, "png");
  mkdirSync(pngDir, { recursive: true });
  for (const { size, png } of images) writeFileSync(join(pngDir, `${size}x${size}.png`), png);
  writeFileSync(join(iconsDir, "icon.ico"), packIco(images));
  writeFileSync(join(iconsDir, "icon.icns"), packIcns(images));
  console.log(`icons: ${images.length} PNGs, icon.ico and icon.icns written to ${iconsDir}`);
}
