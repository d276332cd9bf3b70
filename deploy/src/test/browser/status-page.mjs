// Drives the gateway's status page in a real headless chromium, as an operator would. Run by StatusPageTest:
//   node status-page.mjs <gateway admin URL> <admin token> <fault admin URL of carrier A's simulator> <screenshot.png>
// Exits 0 when every step was seen on the page, 1 (with the reason) otherwise.
import { chromium } from "playwright-core";

const [admin, token, faults, screenshot] = process.argv.slice(2);
const STEP_MS = 20000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const step = (what) => console.log("step: " + what);
const stateOf = (page, carrier) => page.$$eval(`#binds tr[data-carrier="${carrier}"] td.state`,
  (cells) => cells.map((c) => c.textContent));
try {
  const page = await browser.newPage();
  page.on("dialog", (d) => d.accept()); // the disable button asks for confirmation
  await page.goto(admin + "/status");

  step("the page asks for the token, then shows every bind bound and both carriers ACTIVE");
  await page.waitForSelector("#token", { state: "visible", timeout: STEP_MS });
  await page.fill("#token", token);
  await page.click("#connect");
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("#binds td.state")].map((c) => c.textContent);
    const carriers = [...document.querySelectorAll("#carriers td.state")].map((c) => c.textContent);
    return cells.length === 4 && cells.every((s) => s === "BOUND")
      && carriers.length === 2 && carriers.every((s) => s === "ACTIVE");
  }, null, { timeout: STEP_MS });

  step("carrier-a's simulator drops its connections and refuses binds: the page shows its binds down, it INACTIVE");
  const r = await fetch(faults + "/faults?drop=now&refuseBinds=ESME_RBINDFAIL", { method: "POST" });
  if (!r.ok) throw new Error("fault admin answered " + r.status);
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('#binds tr[data-carrier="carrier-a"] td.state')];
    const carrier = document.querySelector('#carriers tr[data-carrier="carrier-a"] td.state');
    return cells.length === 2 && cells.every((c) => c.textContent === "DOWN")
      && carrier && carrier.textContent === "INACTIVE";
  }, null, { timeout: STEP_MS });
  const reasons = await page.$$eval('#binds tr[data-carrier="carrier-a"] td.reason', (c) => c.map((x) => x.textContent));
  step("carrier-a binds: " + (await stateOf(page, "carrier-a")).join(", ") + " (" + reasons.join("; ") + ")");
  if (!(await stateOf(page, "carrier-b")).every((s) => s === "BOUND")) throw new Error("carrier-b should stay bound");

  step("the operator clicks disable on carrier-b: its mode, its state and its binds say DISABLED");
  await page.click('#carriers tr[data-carrier="carrier-b"] button[data-action="disable"]');
  await page.waitForFunction(() => {
    const row = document.querySelector('#carriers tr[data-carrier="carrier-b"] td.mode');
    const state = document.querySelector('#carriers tr[data-carrier="carrier-b"] td.state');
    const binds = [...document.querySelectorAll('#binds tr[data-carrier="carrier-b"] td.state')];
    return row && row.textContent === "DISABLED" && state && state.textContent === "DISABLED" && binds.length === 2
      && binds.every((c) => c.textContent === "DISABLED");
  }, null, { timeout: STEP_MS });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  step("done");
  await browser.close();
  process.exit(0);
} catch (e) {
  console.log("failed: " + e.message.split("\n")[0]);
  await browser.close();
  process.exit(1);
}
