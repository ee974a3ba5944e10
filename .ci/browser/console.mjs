// Real-browser test of the operator console (see run.sh): signs in at
// /ops/ as an operator in Debian's Chromium, finds the integration on the
// integrations page by its id link, opens the dead deliveries, waits for
// the application to the stopped simulator to be listed dead, opens it,
// has the fault mended (the fix script starts the simulator), replays it
// through its Replay form and waits until its page says delivered; then
// visits the ads, applications and breakers pages and the queue monitor
// (asynqmon) at /ops/queues/. axe-core runs on every console page (no
// serious or critical WCAG 2.1 A/AA violation).
//
//   node console.mjs <jobgate URL> <operator e-mail> <password>
//                    <integration id> <fix script> [screenshot dir]
//
// Exits non-zero on any failure; everything is bounded by Playwright's
// timeouts and a watchdog.
import { execFileSync } from "node:child_process";
import { check, watch as watchErrors, shot as shotIn, launch, audit as auditPage } from "./common.mjs";

const [base, email, password, integration, fixScript, shots] = process.argv.slice(2);
if (!fixScript) {
  console.error("usage: node console.mjs <url> <operator e-mail> <password> <integration id> <fix script> [screenshot dir]");
  process.exit(2);
}
const STEP_MS = 20_000;
// WAIT_MS bounds a wait for the outbox: a delivery dying (three attempts)
// or a replay being delivered.
const WAIT_MS = 60_000;
const watchdog = setTimeout(() => {
  console.error("console.mjs: gave up after 270 s");
  process.exit(1);
}, 270_000);

// onQueues is set on asynqmon's page, whose index loads its fonts from
// Google: the test blocks calls off this site, and the failed loads that
// shows are expected there (and only there).
let onQueues = false;
const watch = (page, problems) =>
  watchErrors(page, problems, (text) => onQueues && /^Failed to load resource: net::ERR_(FAILED|NAME_NOT_RESOLVED|BLOCKED_BY_CLIENT)/.test(text));
const shot = (page, name) => shotIn(page, shots, name);

const audit = (page, name) => auditPage(page, name, "console.mjs");

// open goes to a console page, requires 200 and its h1, and audits it.
async function open(page, path, heading) {
  const resp = await page.goto(`${base}${path}`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `${path} answered ${resp && resp.status()}`);
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor({ timeout: STEP_MS });
  await audit(page, path);
}

// until reloads the page until cond() holds, for up to ms.
async function until(page, cond, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await cond()) return;
    check(Date.now() < deadline, `gave up waiting for ${what}`);
    await page.waitForTimeout(500);
    await page.reload({ timeout: STEP_MS });
  }
}

async function signIn(page) {
  const resp = await page.goto(`${base}/ops/`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `the sign-in page answered ${resp && resp.status()}`);
  await audit(page, "sign-in");
  await page.getByLabel("E-mail").fill(email, { timeout: STEP_MS });
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor({ timeout: STEP_MS });
  check((await page.content()).includes(`Signed in as ${email}`), "the overview does not say who is signed in");
  await audit(page, "overview");
  await shot(page, "console-overview.png");
}

// findIntegration finds the integration on the integrations page by its
// id link and opens it.
// CONSOLE_NO_INTEGRATIONS=1 skips it, for a build without that page.
async function findIntegration(page) {
  if (process.env.CONSOLE_NO_INTEGRATIONS === "1") {
    console.log("console.mjs: CONSOLE_NO_INTEGRATIONS=1: the integrations page is skipped");
    return;
  }
  await open(page, "/ops/integrations", /integrations/i);
  const link = page.locator(`a[href="/ops/integrations/${integration}"]`, { hasText: integration });
  await link.first().waitFor({ timeout: STEP_MS });
  await shot(page, "console-integrations.png");
  await Promise.all([page.waitForLoadState("load"), link.first().click()]);
  check(page.url().endsWith(`/ops/integrations/${integration}`), `the integration's link led to ${page.url()}`);
  check((await page.content()).includes(integration), "the integration's page does not name it");
  await audit(page, "integration page");
}

// replayDead waits for the integration's dead delivery, opens it, has the
// fault mended, replays it and waits until its page says delivered.
async function replayDead(page) {
  await open(page, `/ops/dead?integration=${integration}`, "Dead deliveries");
  const row = page.locator('main table a[href^="/ops/deliveries/"]');
  await until(page, async () => (await row.count()) > 0, WAIT_MS, "the application to the stopped simulator to die");
  await audit(page, "dead deliveries with one");
  const id = (await row.first().textContent()).trim();
  await Promise.all([page.waitForLoadState("load"), row.first().click()]);
  await page.getByRole("heading", { name: `Delivery ${id}`, level: 1 }).waitFor({ timeout: STEP_MS });
  check((await page.locator("#state").textContent()).trim() === "dead", "the delivery's page does not say dead");
  await audit(page, "dead delivery");
  await shot(page, "console-dead.png");

  execFileSync("bash", [fixScript], { stdio: ["ignore", "inherit", "inherit"], timeout: 60_000 });
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Replay" }).click()]);
  check(page.url().endsWith(`/ops/deliveries/${id}?notice=replayed`), `the replay led to ${page.url()}`);
  await page.getByRole("status").waitFor({ timeout: STEP_MS });
  await until(page, async () => (await page.locator("#state").textContent()).trim() === "delivered", WAIT_MS, `${id} to be delivered`);
  await audit(page, "replayed delivery, delivered");
  await shot(page, "console-delivered.png");
  console.log(`console.mjs: replayed ${id}, delivered`);
  return id;
}

// queues opens asynqmon and waits for its UI to list the queues.
async function queues(page) {
  onQueues = true;
  await page.route((url) => url.origin !== new URL(base).origin, (route) => route.abort("blockedbyclient"));
  const resp = await page.goto(`${base}/ops/queues/`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `/ops/queues/ answered ${resp && resp.status()}`);
  await page.getByText("outbox-apply", { exact: true }).first().waitFor({ timeout: STEP_MS });
  await shot(page, "console-queues.png");
}

async function main() {
  const browser = await launch("console.mjs");
  const problems = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    const page = await ctx.newPage();
    watch(page, problems);
    await signIn(page);
    await findIntegration(page);
    await replayDead(page);
    await open(page, `/ops/ads?integration=${integration}`, "Ads");
    await open(page, `/ops/applications?integration=${integration}`, "Applications");
    await open(page, "/ops/breakers", "Breakers");
    await queues(page);
    check(problems.length === 0, `the browser reported:\n  ${problems.join("\n  ")}`);
    await ctx.close();
  } finally {
    await browser.close();
  }
}

main().then(() => { clearTimeout(watchdog); }, (e) => {
  console.error(`console.mjs: ${e.message}`);
  process.exit(1);
});
