// Real-browser test of jobgate's hosted job page (see run.sh): opens the
// job page in Debian's Chromium, checks it on a phone-sized screen, fills in
// and sends the apply form with a CV, and checks the confirmation page.
//
//   node apply.mjs <job page URL> <where to write the CV (PDF)> [screenshot dir]
//
// Prints, one per line, application_id=<id>, status_url=<url> and
// receipt_url=<the confirmation page's URL> for
// run.sh, and exits non-zero on any failure. Everything is bounded: each
// step by Playwright's timeouts, the whole run by a watchdog.
import { writeFileSync } from "node:fs";
import { check, watch, shot as shotIn, launch } from "./common.mjs";

const [jobURL, pdfPath, shots] = process.argv.slice(2);
if (!jobURL || !pdfPath) {
  console.error("usage: node apply.mjs <job page URL> <cv.pdf path> [screenshot dir]");
  process.exit(2);
}
const STEP_MS = 20_000;
const watchdog = setTimeout(() => {
  console.error("apply.mjs: gave up after 240 s");
  process.exit(1);
}, 240_000);

// tinyPDF is a small but complete one-page PDF (header, objects, xref,
// trailer), so it is taken for what it is.
function tinyPDF() {
  const text = "BT /F1 14 Tf 20 50 Td (Curriculum vitae - browser test) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const shot = (page, name) => shotIn(page, shots, name);

// phoneCheck opens the page on a phone-sized screen: the form is there,
// nothing scrolls sideways, and the inputs take the column's width.
async function phoneCheck(browser, problems) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  watch(page, problems);
  const resp = await page.goto(jobURL, { timeout: STEP_MS });
  check(resp && resp.status() === 200, `phone: the job page answered ${resp && resp.status()}`);
  const form = page.locator("form.apply");
  await form.waitFor({ state: "visible", timeout: STEP_MS });
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    input: document.querySelector("#f-first_name").getBoundingClientRect().width,
    button: document.querySelector("form.apply button[type=submit]").getBoundingClientRect().height,
  }));
  check(m.scroll <= m.inner, `phone: the page scrolls sideways (${m.scroll} > ${m.inner})`);
  check(m.input >= 0.8 * m.inner, `phone: the name input is ${m.input}px wide of ${m.inner}`);
  check(m.button >= 44, `phone: the send button is ${m.button}px high (a small tap target)`);
  await shot(page, "phone.png");
  await ctx.close();
}

// applyOnce fills in the form as a candidate would, by its labels, sends
// it and returns the confirmation page's application id and status link.
async function applyOnce(browser, problems) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  watch(page, problems);
  await page.goto(jobURL, { timeout: STEP_MS });
  await page.getByLabel("Fornavn").fill("Kari", { timeout: STEP_MS });
  await page.getByLabel("Etternavn").fill("Nordmann");
  await page.getByLabel("E-post").fill("kari.nordmann@example.no");
  await page.getByLabel("Telefon").fill("+47 912 34 567");
  for (const [name, url] of [["Nettstedets personvernerklæring", process.env.JOBGATE_PRIVACY_URL],
    ["Arbeidsgiverens personvernerklæring", process.env.EMPLOYER_PRIVACY_URL]]) {
    if (!url) continue;
    const link = page.getByRole("link", { name });
    check(await link.count() === 1, `the privacy_policy consent does not link ${name} once`);
    check(await link.getAttribute("href") === url, `${name} links ${await link.getAttribute("href")}, not ${url}`);
  }
  await page.locator('input[name="consents[privacy_policy]"]').check();
  await page.getByLabel("CV").setInputFiles(pdfPath);
  await shot(page, "filled.png");
  await Promise.all([
    page.waitForURL(/\/jobs\/[^/]+\/applied\/[^/?]+\?token=/, { timeout: STEP_MS }),
    page.getByRole("button", { name: "Send søknad" }).click(),
  ]);
  const id = (await page.locator("#application-id").textContent({ timeout: STEP_MS })).trim();
  check(/^app_[A-Za-z0-9_-]+$/.test(id), `the confirmation shows no application id (${id})`);
  check(page.url().includes(`/applied/${id}?`), `the confirmation's URL ${page.url()} is not application ${id}'s`);
  check((await page.content()).includes("Lagermedarbeider"), "the confirmation does not name the job");
  // The receipt is a page, not a link to JSON (issue 17): the status API
  // takes the same token, for run.sh to wait for the delivery.
  check(await page.locator('a[href^="/v1/applications/"]').count() === 0, "the confirmation links the JSON status");
  const summary = (await page.locator("#receipt-text").textContent({ timeout: STEP_MS })).trim();
  check(summary.startsWith("Søknaden er mottatt"), `the confirmation's summary reads ${summary}`);
  const receiptURL = page.url();
  const token = new URL(receiptURL).searchParams.get("token");
  await shot(page, "applied.png");
  await ctx.close();
  return { id, receiptURL, statusURL: new URL(`/v1/applications/${id}?token=${encodeURIComponent(token)}`, jobURL).toString() };
}

async function main() {
  writeFileSync(pdfPath, tinyPDF());
  const browser = await launch("apply.mjs");
  const problems = [];
  try {
    await phoneCheck(browser, problems);
    const { id, statusURL, receiptURL } = await applyOnce(browser, problems);
    check(problems.length === 0, `the browser reported:\n  ${problems.join("\n  ")}`);
    console.log(`application_id=${id}`);
    console.log(`status_url=${statusURL}`);
    console.log(`receipt_url=${receiptURL}`);
  } finally {
    await browser.close();
  }
}

main().then(() => { clearTimeout(watchdog); }, (e) => {
  console.error(`apply.mjs: ${e.message}`);
  process.exit(1);
});
