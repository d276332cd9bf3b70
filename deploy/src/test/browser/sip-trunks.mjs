// The status page's "SIP trunks" table in a real headless chromium. Run by SipTrunksPageTest:
//   node sip-trunks.mjs <gateway admin URL> <admin token>
// Expects trunk sim-up UP (it answers OPTIONS) and trunk sim-silent DOWN (it does not). Exits 0 when both were seen.
import { chromium } from "playwright-core";

const [admin, token] = process.argv.slice(2);
const STEP_MS = 20000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const step = (what) => console.log("step: " + what);
try {
  const page = await browser.newPage();
  await page.goto(admin + "/status");
  await page.waitForSelector("#token", { state: "visible", timeout: STEP_MS });
  await page.fill("#token", token);
  await page.click("#connect");

  step("the SIP trunks table shows the answering trunk UP and the silent one DOWN, with its last probe");
  await page.waitForFunction(() => {
    const cell = (carrier, cls) => {
      const c = document.querySelector(`#trunks tr[data-carrier="${carrier}"] td.${cls}`);
      return c ? c.textContent : null;
    };
    return cell("sim-up", "state") === "UP" && cell("sim-up", "probe") === "200"
      && cell("sim-silent", "state") === "DOWN" && cell("sim-silent", "probe") === "timeout";
  }, null, { timeout: STEP_MS });
  const visible = await page.isVisible("#sip");
  if (!visible) throw new Error("the SIP section should be visible");
  step("done");
  await browser.close();
  process.exit(0);
} catch (e) {
  console.log("failed: " + e.message.split("\n")[0]);
  await browser.close();
  process.exit(1);
}
