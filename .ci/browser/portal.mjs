// Real-browser test of the employer portal (see run.sh): signs in as an
// account's admin (in Norwegian) in Debian's Chromium, checks that it sees
// every ad and the application, downloads the CV and puts the user on one
// ad's recruiting team through the ad's page; then signs in as that user
// (in English), checks that it sees that ad and its application only, and
// signs out. The admin also opens the account settings, issues a key and
// confirms an erasure there; the user gets 404 for them. axe-core runs on
// every portal page (no serious or critical WCAG 2.1 A/AA violation).
//
//   node portal.mjs <jobgate URL> <admin e-mail> <user e-mail> <password>
//                   <application id> <team ad id> <other ad id> [screenshot dir]
//
// <application id> is an application to <team ad id>; the user is on no
// team before. Exits non-zero on any failure; everything
// is bounded by Playwright's timeouts and a watchdog.
import { check, watch as watchErrors, shot as shotIn, launch, audit as auditPage } from "./common.mjs";

const [base, adminEmail, userEmail, password, appID, teamAd, otherAd, shots] = process.argv.slice(2);
if (!otherAd) {
  console.error("usage: node portal.mjs <url> <admin e-mail> <user e-mail> <password> <application id> <team ad id> <other ad id> [screenshot dir]");
  process.exit(2);
}
const STEP_MS = 20_000;
const watchdog = setTimeout(() => {
  console.error("portal.mjs: gave up after 240 s");
  process.exit(1);
}, 240_000);

// watch fails the run on a page error or a console error, but for the
// 404 and 401 the test asks for on purpose (it checks their statuses).
const watch = (page, problems) =>
  watchErrors(page, problems, (text) => /^Failed to load resource: the server responded with a status of 40[14] /.test(text));
const shot = (page, name) => shotIn(page, shots, name);

const audit = (page, name) => auditPage(page, name, "portal.mjs");

// signIn opens the portal in a fresh context speaking locale, checks and
// audits the sign-in form, and signs in.
async function signIn(browser, problems, locale, email, labels) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
  const page = await ctx.newPage();
  watch(page, problems);
  const resp = await page.goto(`${base}/portal/`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `the sign-in page answered ${resp && resp.status()}`);
  await audit(page, `sign-in (${locale})`);
  await page.getByLabel(labels.email).fill(email, { timeout: STEP_MS });
  await page.getByLabel(labels.password).fill(password);
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: labels.signIn }).click(),
  ]);
  await page.getByRole("heading", { name: labels.ads, level: 1 }).waitFor({ timeout: STEP_MS });
  return { ctx, page };
}

async function adminSees(browser, problems) {
  const { ctx, page } = await signIn(browser, problems, "nb-NO", adminEmail,
    { email: "E-post", password: "Passord", signIn: "Logg inn", ads: "Annonser" });
  const table = await page.locator("main table").textContent();
  check(table.includes("Lagermedarbeider") && table.includes("Sjåfør"), "the admin does not see both ads");
  await audit(page, "ads list (admin)");
  await shot(page, "portal-admin-ads.png");

  await page.getByRole("link", { name: "Lagermedarbeider" }).click();
  await page.getByRole("heading", { name: "Rekrutteringsteam" }).waitFor({ timeout: STEP_MS });
  check(!(await page.content()).includes(userEmail), "the user is on the team before it was added");
  await audit(page, "ad page (admin)");
  await page.getByLabel("Legg til medlem (E-post)").fill(userEmail);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Legg til" }).click()]);
  await page.locator("main table td", { hasText: userEmail }).first().waitFor({ timeout: STEP_MS });
  check(page.url().endsWith(`/portal/ads/${teamAd}`), `adding a member led to ${page.url()}`);
  await audit(page, "ad page with its team (admin)");
  await shot(page, "portal-admin-ad.png");

  await page.getByRole("link", { name: appID }).first().click();
  await page.getByRole("heading", { name: "Leveranse til ATS" }).waitFor({ timeout: STEP_MS });
  check((await page.content()).includes("kari.nordmann@example.no"), "the application page lacks the candidate's e-mail");
  await audit(page, "application page (admin)");
  await shot(page, "portal-admin-application.png");
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: STEP_MS }),
    page.locator("a[download]").first().click(),
  ]);
  check(download.suggestedFilename().endsWith(".pdf"), `the CV downloads as ${download.suggestedFilename()}`);
  check((await download.failure()) === null, "the CV download failed");

  await page.getByRole("link", { name: "Søknader" }).first().click();
  await page.getByRole("heading", { name: "Søknader", level: 1 }).waitFor({ timeout: STEP_MS });
  await audit(page, "applications list (admin)");
  await adminSettings(page);
  await ctx.close();
}

// adminSettings opens the account settings from the menu, issues a key
// (shown once, with the note that it is not shown again) and erases an
// e-mail with nothing held after the confirmation step, auditing each page.
async function adminSettings(page) {
  await page.getByRole("link", { name: "Kontoinnstillinger" }).click();
  await page.getByRole("heading", { name: "Kontoinnstillinger", level: 1 }).waitFor({ timeout: STEP_MS });
  check((await page.content()).includes(userEmail), "the settings do not list the user");
  await audit(page, "account settings (admin)");
  await shot(page, "portal-admin-settings.png");

  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Lag ny nøkkel" }).first().click()]);
  await page.getByText("den vises ikke igjen").waitFor({ timeout: STEP_MS });
  check(/jg_key_/.test(await page.locator("pre code").first().textContent()), "the new key is not shown");
  await audit(page, "account settings with a new key (admin)");

  await page.getByLabel("Kandidatens e-post").last().fill("ingen@example.no");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Slett kandidatens data" }).click()]);
  await page.getByRole("button", { name: "Ja, slett" }).waitFor({ timeout: STEP_MS });
  await audit(page, "erasure confirmation (admin)");
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Ja, slett" }).click()]);
  await page.getByText("Kvittering").first().waitFor({ timeout: STEP_MS });
  await audit(page, "erasure receipt (admin)");
}

async function userSees(browser, problems) {
  const { ctx, page } = await signIn(browser, problems, "en-GB", userEmail,
    { email: "E-mail", password: "Password", signIn: "Sign in", ads: "Ads" });
  const table = await page.locator("main table").textContent();
  check(table.includes("Lagermedarbeider"), "the team member does not see its team's ad");
  check(!table.includes("Sjåfør"), "the team member sees an ad of no team of its");
  await audit(page, "ads list (user)");
  await shot(page, "portal-user-ads.png");

  check((await page.locator('a[href="/portal/settings"]').count()) === 0, "a user's menu links the account settings");
  const settings = await page.goto(`${base}/portal/settings`, { timeout: STEP_MS });
  check(settings.status() === 404, `the account settings answered a user ${settings.status()}, want 404`);
  const other = await page.goto(`${base}/portal/ads/${otherAd}`, { timeout: STEP_MS });
  check(other.status() === 404, `another team's ad answered ${other.status()}, want 404`);
  await audit(page, "not found page");
  const mine = await page.goto(`${base}/portal/applications/${appID}`, { timeout: STEP_MS });
  check(mine.status() === 200, `the team's application answered ${mine.status()}`);
  await audit(page, "application page (user)");

  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Sign out" }).click()]);
  await page.getByRole("heading", { name: "Sign in", level: 1 }).waitFor({ timeout: STEP_MS });
  const after = await page.goto(`${base}/portal/applications/${appID}`, { timeout: STEP_MS });
  check(after.status() === 401, `after signing out the application answered ${after.status()}, want 401`);
  check(!(await page.content()).includes("kari.nordmann@example.no"), "after signing out the candidate's e-mail is shown");
  await ctx.close();
}

async function main() {
  const browser = await launch("portal.mjs");
  const problems = [];
  try {
    await adminSees(browser, problems);
    await userSees(browser, problems);
    check(problems.length === 0, `the browser reported:\n  ${problems.join("\n  ")}`);
  } finally {
    await browser.close();
  }
}

main().then(() => { clearTimeout(watchdog); }, (e) => {
  console.error(`portal.mjs: ${e.message}`);
  process.exit(1);
});
