// Opens the demo page in Debian's chromium (never a downloaded browser) and checks what a visitor
// sees: the WebSocket opens, /math/add answers, the server's pushes and calls arrive, and the
// connected sessions are listed. Saves a screenshot. Usage: node page-test.mjs URL SCREENSHOT.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, screenshot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "dmicro-chromium-")); // a fresh user-data dir per run
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
  viewport: { width: 1100, height: 620 },
});
const step = async (what, fn) => {
  try { await fn(); console.log(`ok: ${what}`); }
  catch (e) { console.log(`FAILED: ${what}: ${e.message}`); await context.close(); rmSync(profile, { recursive: true, force: true }); process.exit(1); }
};
try {
  const page = await context.newPage();
  page.on("console", (m) => console.log(`page console: ${m.text()}`));
  await page.goto(url);
  const until = (fn, arg) => page.waitForFunction(fn, arg, { timeout: 20000 });
  await step("the WebSocket opens", () => until(() => document.getElementById("state").textContent === "open"));
  await page.fill("#a", "20");
  await page.fill("#b", "22");
  await page.click("#add");
  await step("/math/add answers 42", () => until(() => document.getElementById("sum").textContent === "42"));
  await step("a push from the server arrives", () => until(() => document.querySelectorAll("#pushes li").length > 0));
  await step("the server called the page", () => until(() => document.querySelectorAll("#calls li").length > 0));
  await step("the sessions are listed", () => until(() => document.querySelectorAll("#sessions li").length > 0));
  await page.screenshot({ path: screenshot });
  console.log("PAGE OK");
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
