import { expect, test, type BrowserContext } from "@playwright/test";
import ExcelJS from "exceljs";
import { adminCommand, form, runCommand, serverDatabaseEnv, unique } from "./classes-helpers";

/**
 * An official reads this quarter's report for their province, drills down to a commune, downloads
 * the XLSX and the test opens it as a spreadsheet: Vietnamese headers, numbers as numbers, shares in
 * percent format, frozen header. The same works with JavaScript off; a bad period gets a message
 * with what was typed kept; an official of another province gets a 404.
 */

const PROVINCE = "93";

test.describe.configure({ mode: "serial" });

let officialLogin = "";
let otherLogin = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A small generated province in the test server's database (the demo generator, npm run demo:province).
  await runCommand(
    "npx",
    ["tsx", "scripts/generate-province.ts", "--code", PROVINCE, "--learners", "600", "--communes", "3", "--villages", "3"],
    {
      env: serverDatabaseEnv(),
    },
  );
});

async function signUpAs(context: BrowserContext, name: string): Promise<string> {
  const login = `cb${unique()}`;
  const response = await context.request.post("/vi/signup", form({ displayName: name, login, password: "mat-khau-dai-8" }));
  expect(response.status()).toBe(302);
  return login;
}

for (const javaScriptEnabled of [true, false]) {
  test(`an official reads the quarter's report, drills down and downloads the XLSX (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, acceptDownloads: true });
    officialLogin = await signUpAs(context, "Cán Bộ Tỉnh");
    await adminCommand(["grant-official", officialLogin, PROVINCE]);
    const page = await context.newPage();

    await page.goto("/vi/report");
    await page.getByRole("link", { name: "Tỉnh Thử Nghiệm" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo Tỉnh Thử Nghiệm");
    const table = page.getByRole("table", { name: /Số liệu theo đơn vị trực thuộc Tỉnh Thử Nghiệm/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Người học đăng ký (lũy kế)" })).toBeVisible();
    // Three communes and the total; the first column stays in view while the figures scroll.
    const rowHeaders = table.locator("tbody th[scope=row]");
    await expect(rowHeaders).toHaveCount(4);
    await expect(rowHeaders.last()).toHaveText("Tổng cộng");
    expect(await rowHeaders.first().evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
    const total = Number((await table.locator("tbody tr").last().locator("td").nth(2).innerText()).replace(/\./g, ""));
    expect(total).toBeGreaterThan(400);
    // The chart, drawn on the server, with its text alternative.
    const chart = page.getByRole("img", { name: /Tỷ lệ hoàn thành so với chỉ tiêu/ });
    await expect(chart).toBeVisible();
    await expect(page.locator("svg desc")).toContainText("chỉ tiêu");

    // One level down: a commune, its villages, the same period.
    const commune = (await rowHeaders.first().innerText()).trim();
    await rowHeaders.first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Báo cáo ${commune}`);
    await expect(
      page
        .getByRole("table", { name: new RegExp(`trực thuộc ${commune}`) })
        .locator("tbody th[scope=row]")
        .first(),
    ).toHaveText(/Thôn|Tổ dân phố/);
    await expect(page).toHaveURL(/period=quarter&year=\d{4}&quarter=[1-4]/);
    await page.getByRole("link", { name: /Lên một cấp: Tỉnh Thử Nghiệm/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo Tỉnh Thử Nghiệm");

    // The XLSX, opened as a spreadsheet.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Tải bảng tính Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^bao-cao-${PROVINCE}-\\d{4}-q[1-4]\\.xlsx$`));
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file!);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Theo đơn vị", "Theo nhóm đối tượng", "Theo chủ đề", "Thông tin"]);
    const sheet = workbook.getWorksheet("Theo đơn vị")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["Đơn vị", "Mã đơn vị", "Người học đăng ký (trong kỳ)", "Người học đăng ký (lũy kế)"]);
    expect(header).toContain("Tỷ lệ đạt");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.rowCount).toBe(5);
    const totalRow = sheet.getRow(5);
    expect(totalRow.getCell(1).value).toBe("Tổng cộng");
    expect(typeof totalRow.getCell(4).value).toBe("number");
    expect(totalRow.getCell(4).value).toBe(total);
    const shareColumn = header.indexOf("Tỷ lệ đạt") + 1;
    expect(typeof sheet.getRow(2).getCell(shareColumn).value).toBe("number");
    expect(sheet.getRow(2).getCell(shareColumn).numFmt).toBe("0.0%");

    // CSV and the A4 page are there too.
    const csv = await context.request.get(
      await page
        .getByRole("link", { name: "Tải CSV: Theo đơn vị" })
        .getAttribute("href")
        .then((h) => h!),
    );
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await csv.text()).toContain("Tổng cộng");
    await page.getByRole("link", { name: "Trang in khổ A4" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Báo cáo kết quả phong trào Bình dân học vụ số");
    await expect(page.getByText("Lập lúc")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(3);
    await context.close();
  });
}

test("a bad period gets a message in the official's language and keeps what was typed", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const login = await signUpAs(context, "Cán Bộ Kiểm Tra");
  await adminCommand(["grant-official", login, PROVINCE]);
  const page = await context.newPage();
  await page.goto(`/vi/report/${PROVINCE}`);
  await page.getByLabel("Từ ngày đến ngày").check();
  await page.getByLabel("Từ ngày", { exact: true }).fill("2026-03-31");
  await page.getByLabel("Đến ngày (tính cả ngày này)").fill("2026-01-01");
  await page.getByRole("button", { name: "Xem báo cáo" }).click();
  await expect(page.getByText("Ngày bắt đầu đang sau ngày kết thúc. Hãy đổi lại.")).toBeVisible();
  await expect(page.getByLabel("Từ ngày", { exact: true })).toHaveValue("2026-03-31");
  await expect(page.getByLabel("Đến ngày (tính cả ngày này)")).toHaveValue("2026-01-01");
  await expect(page.getByRole("table")).toHaveCount(0);
  // A quarter that has not started, in English.
  const year = new Date().getUTCFullYear() + 1;
  await page.goto(`/en/report/${PROVINCE}?period=quarter&year=${year}&quarter=1`);
  await expect(page.getByText("This period has not started yet, so there are no figures.")).toBeVisible();
  await expect(page.getByLabel("Year", { exact: true })).toHaveValue(String(year));
  await context.close();
});

test("an official of another province sees nothing of this one", async ({ browser }) => {
  const context = await browser.newContext();
  otherLogin = await signUpAs(context, "Cán Bộ Tỉnh Khác");
  await adminCommand(["grant-official", otherLogin, "MAU"]);
  for (const url of [
    `/vi/report/${PROVINCE}`,
    `/vi/report/${PROVINCE}001`,
    `/vi/report/${PROVINCE}/report.xlsx`,
    `/vi/report/${PROVINCE}/print`,
  ]) {
    expect((await context.request.get(url)).status(), url).toBe(404);
  }
  expect((await context.request.get("/vi/report/MAU")).status()).toBe(200);
  const index = await (await context.request.get("/vi/report")).text();
  expect(index).not.toContain("Tỉnh Thử Nghiệm");
  await context.close();
});
