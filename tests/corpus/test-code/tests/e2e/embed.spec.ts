import { test, expect } from "@playwright/test";
test("chart renders", async ({ page }) => {
  await page.route("https://other-tenant.eu.qlikcloud.com/api/v1/users/me", (r) => r.fulfill({ status: 200, body: "{}" }));
  await page.goto("http://localhost:5173/");
  await expect(page.locator("qlik-embed")).toBeVisible();
});
