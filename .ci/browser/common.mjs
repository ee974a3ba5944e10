// What the browser tests (apply.mjs, portal.mjs, console.mjs) share: the
// check that fails a run, the watch on the page's errors, screenshots,
// starting Debian's Chromium and the axe-core audit.
import axe from "axe-core";
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

// Chromium's start is the one step whose time depends on the machine
// (a cold font cache, a busy CI host): it gets longer, and a second try.
const LAUNCH_MS = 60_000;

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// watch fails the run on a page error or a console error (a Content
// Security Policy violation shows as one). expected(text), when given,
// passes over a console error the test causes on purpose.
export function watch(page, problems, expected = () => false) {
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error" && !expected(m.text())) problems.push(`console: ${m.text()}`); });
}

// shot saves a full-page screenshot in dir, when there is one.
export async function shot(page, dir, name) {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}

// launch starts Chromium, trying once more if the first start times out;
// who names the script in the message.
export async function launch(who) {
  const opts = { executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage"], timeout: LAUNCH_MS };
  try {
    return await chromium.launch(opts);
  } catch (e) {
    console.error(`${who}: Chromium did not start (${e.message.split("\n")[0]}); trying once more`);
    return await chromium.launch(opts);
  }
}

// audit runs axe-core on the page (evaluated through the DevTools
// protocol, which the page's CSP does not govern) and fails on a serious
// or critical violation of WCAG 2.1 A or AA; who names the script in the
// log.
export async function audit(page, name, who) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, `axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("; ")}`);
  console.log(`${who}: axe ${name}: ${result.passes.length} rules pass, no serious or critical violation`);
}

// auditAll runs every rule axe-core runs by default (WCAG 2.0-2.2 A and
// AA and its best practices) and fails on any violation at all, whatever
// its impact: the hosted job pages' standard (issue 17).
export async function auditAll(page, name, who) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document));
  const bad = result.violations;
  check(bad.length === 0, `axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("; ")}`);
  console.log(`${who}: axe ${name}: ${result.passes.length} rules pass, no violation at all`);
}
