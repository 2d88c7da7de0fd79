import { describe, expect, it } from "vitest";
const hostConfig = { host: "your-tenant.us.qlikcloud.com", clientId: "your-client-id", authType: "Oauth2" };
describe("config", () => { it("has a host", () => { expect(hostConfig.host).toContain("qlikcloud"); }); });
