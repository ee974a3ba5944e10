// Real-browser test of the hosted job page's content (see run.sh): opens a
// rich Norwegian ad and a Finnish one in Debian's Chromium and checks every
// fact a candidate looks for, written in the ad's language and in a
// candidate's order; sends the form empty and badly filled in (the
// browser's own checks off) and checks each error is next to its field and
// named in the summary; opens a withdrawn job (410, the employer's other
// jobs linked), an unknown one (404) and the receipt of an application.
// axe-core runs on each of those pages with every rule it runs by default
// (best practices too) and fails on any violation at all.
//
//   node jobpage.mjs <jobgate URL> <rich nb job id> <fi job id>
//                    <withdrawn job id> <an open job id of the same employer>
//                    <receipt URL> <deadline year> [screenshot dir]
//
// Exits non-zero on any failure; everything is bounded by Playwright's
// timeouts and a watchdog.
import { check, watch, shot as shotIn, launch, auditAll } from "./common.mjs";

const [base, nbJob, fiJob, closedJob, openJob, receiptURL, year, shots] = process.argv.slice(2);
if (!year) {
  console.error("usage: node jobpage.mjs <url> <nb job> <fi job> <closed job> <open job> <receipt URL> <deadline year> [screenshot dir]");
  process.exit(2);
}
const STEP_MS = 20_000;
const watchdog = setTimeout(() => {
  console.error("jobpage.mjs: gave up after 240 s");
  process.exit(1);
}, 240_000);
const shot = (page, name) => shotIn(page, shots, name);
const audit = (page, name) => auditAll(page, name, "jobpage.mjs");

// The employer's logo, served in place of eksempel.no's.
const LOGO = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
<rect width="96" height="96" rx="16" fill="#0b57d0"/><text x="48" y="62" font-family="sans-serif" font-size="40" font-weight="700" fill="#fff" text-anchor="middle">EA</text></svg>`);

// The pages answer 404, 410 and 422 on purpose; Chromium logs each such
// document as a failed load.
const expected = (text) => /status of (404|410|422)/.test(text);

async function newPage(browser, problems) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await ctx.route("https://eksempel.no/**", (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: LOGO }));
  const page = await ctx.newPage();
  watch(page, problems, expected);
  return page;
}

async function text(page, sel) {
  return (await page.locator(sel).first().innerText({ timeout: STEP_MS })).replace(/\s+/g, " ").trim();
}

// facts checks each fact's text and that they come in this order on the
// page, top to bottom.
async function facts(page, want, lang) {
  let last = -1;
  for (const [sel, re] of want) {
    const got = await text(page, sel);
    check(re.test(got), `${lang}: ${sel} reads "${got}", want ${re}`);
    const box = await page.locator(sel).boundingBox();
    check(box && box.y > last, `${lang}: ${sel} is not below the fact before it`);
    last = box.y;
  }
}

async function richNorwegian(browser, problems) {
  const page = await newPage(browser, problems);
  const resp = await page.goto(`${base}/jobs/${nbJob}`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `the nb job page answered ${resp && resp.status()}`);
  await facts(page, [
    ["h1", /^Butikkmedarbeider$/], ["#job-employer", /^Eksempel AS$/], ["#job-place", /^Storgata 1, 0151 Oslo, Norge/],
    ["#job-employment", /^Fast, heltid$/], ["#job-salary", /^45\s000–55\s000 kr per måned$/], ["#job-start", /^1\. mars 2027$/],
    ["#job-deadline", new RegExp(`^31\\. januar ${year}$`)], ["#job-positions", /^2 stillinger$/],
    ["#job-contact", /^Ola Nordmann, Butikksjef ola@eksempel\.no \+47 22 00 00 00$/], ["article", /Vi søker en blid butikkmedarbeider/],
    ["#apply", /^Søk på stillingen$/],
  ], "nb");
  for (const [label, sel] of [["Lønn", "#job-salary"], ["Søknadsfrist", "#job-deadline"], ["Arbeidssted", "#job-place"], ["Kontaktperson", "#job-contact"]]) {
    const dt = await page.locator(sel).evaluate((dd) => dd.previousElementSibling.textContent);
    check(dt === label, `${sel} is labelled "${dt}", not ${label}`);
  }
  check(await page.locator('a[href="mailto:ola@eksempel.no"]').count() === 1, "the contact has no mailto: link");
  check(await page.locator('a[href="tel:+4722000000"]').count() === 1, "the contact has no tel: link");
  const logo = await page.locator("img.logo").evaluate((img) => ({ w: img.naturalWidth, alt: img.alt }));
  check(logo.w > 0 && logo.alt === "Logoen til Eksempel AS", `the logo did not load or has the alt "${logo.alt}"`);
  await audit(page, "job page (nb)");
  await shot(page, "jobpage-nb.png");

  // The form sent with the first name empty and a bad e-mail address, the
  // browser's own checks off: the server's errors, next to their fields.
  await page.evaluate(() => { document.querySelector("form.apply").noValidate = true; });
  await page.getByLabel("E-post").fill("ikke-en-adresse");
  await Promise.all([page.waitForURL(/\/apply\?k=/, { timeout: STEP_MS }), page.getByRole("button", { name: "Send søknad" }).click()]);
  await page.locator("#problems").waitFor({ timeout: STEP_MS });
  const first = await text(page, "#f-first_name-err");
  check(first === "Fornavn: Må fylles ut.", `the first name's error reads "${first}"`);
  const email = await text(page, "#f-email-err");
  check(email.startsWith("E-post: Skriv en gyldig e-postadresse"), `the e-mail's error reads "${email}"`);
  for (const id of ["f-first_name", "f-email"]) {
    const a = await page.locator(`#${id}`).evaluate((el) => [el.getAttribute("aria-invalid"), el.getAttribute("aria-describedby")]);
    check(a[0] === "true" && a[1].includes(`${id}-err`), `#${id} is not marked invalid and described by its error (${a})`);
    check(await page.locator(`#problems a[href="#${id}"]`).count() === 1, `the summary does not link #${id}`);
  }
  const consent = await text(page, "#c-0-err");
  check(consent === "Personvern: Du må krysse av her for å sende søknaden.", `the consent's error reads "${consent}"`);
  await audit(page, "form with errors (nb)");
  await shot(page, "jobpage-errors.png");
  await page.context().close();
}

async function finnish(browser, problems) {
  const page = await newPage(browser, problems);
  const resp = await page.goto(`${base}/jobs/${fiJob}`, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `the fi job page answered ${resp && resp.status()}`);
  check(await page.getAttribute("html", "lang") === "fi", "the fi page is not lang=fi");
  await facts(page, [
    ["h1", /^Myyjä$/], ["#job-place", /^Mannerheimintie 1, 00100 Helsinki, Suomi$/], ["#job-employment", /^Määräaikainen, osa-aikainen$/],
    ["#job-salary", /^2\s800–3\s200 € kuukaudessa$/], ["#job-start", /^sopimuksen mukaan$/],
    ["#job-deadline", new RegExp(`^31\\. tammikuuta ${year}$`)], ["#apply", /^Hae tätä työpaikkaa$/],
  ], "fi");
  for (const label of ["Etunimi", "Sukunimi", "Sähköposti"]) {
    check(await page.getByLabel(label).count() === 1, `the fi form has no field labelled ${label}`);
  }
  await audit(page, "job page (fi)");
  await shot(page, "jobpage-fi.png");
  await page.context().close();
}

async function closedAndMissing(browser, problems) {
  const page = await newPage(browser, problems);
  let resp = await page.goto(`${base}/jobs/${closedJob}`, { timeout: STEP_MS });
  check(resp && resp.status() === 410, `the withdrawn job answered ${resp && resp.status()}, not 410`);
  check(await text(page, "h1") === "Stillingen er ikke lenger ledig", "the closed page does not say the job is closed");
  check(await text(page, "#other-jobs") === "Andre ledige stillinger hos Eksempel AS", "the closed page lists no other jobs");
  const link = page.locator(`ul.jobs a[href="/jobs/${openJob}"]`);
  check(await link.count() === 1, "the closed page does not link the employer's open job");
  check(await page.locator(`a[href="/jobs/${closedJob}"]`).count() === 0, "the closed page links the closed job");
  await audit(page, "closed job (410)");
  await shot(page, "jobpage-closed.png");
  await Promise.all([page.waitForURL(`${base}/jobs/${openJob}`, { timeout: STEP_MS }), link.click()]);
  check((await page.locator("h1").count()) === 1 && (await page.locator("#job-employer").count()) === 1, "the other job's page did not open");

  resp = await page.goto(`${base}/jobs/job_missing`, { timeout: STEP_MS });
  check(resp && resp.status() === 404, `an unknown job answered ${resp && resp.status()}, not 404`);
  check(await text(page, "h1") === "Fant ikke siden", "the 404 page has no heading of its own");
  await audit(page, "unknown job (404)");
  await page.context().close();
}

async function receipt(browser, problems) {
  const page = await newPage(browser, problems);
  const resp = await page.goto(receiptURL, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `the receipt answered ${resp && resp.status()}`);
  const deadline = Date.now() + 30_000;
  while ((await page.locator("#application-status").getAttribute("data-status")) !== "delivered") {
    check(Date.now() < deadline, "the receipt never said delivered");
    await page.waitForTimeout(500);
    await page.reload({ timeout: STEP_MS });
  }
  const summary = await text(page, "#receipt-text");
  check(/^Søknaden ble levert til arbeidsgiveren \d+\. [a-zæøå]+ \d{4} kl\. \d\d\.\d\d\./.test(summary), `the receipt's summary reads "${summary}"`);
  check(await page.locator("#erase").count() === 1, "the receipt has no erase button");
  await audit(page, "receipt");
  await shot(page, "jobpage-receipt.png");
  await page.context().close();
}

async function main() {
  const browser = await launch("jobpage.mjs");
  const problems = [];
  try {
    await richNorwegian(browser, problems);
    await finnish(browser, problems);
    await closedAndMissing(browser, problems);
    await receipt(browser, problems);
    check(problems.length === 0, `the browser reported:\n  ${problems.join("\n  ")}`);
    console.log("jobpage.mjs: the job pages (nb, fi), the form's errors, the closed and unknown jobs and the receipt pass, with no axe violation");
  } finally {
    await browser.close();
  }
}

main().then(() => { clearTimeout(watchdog); }, (e) => {
  console.error(`jobpage.mjs: ${e.message}`);
  process.exit(1);
});
