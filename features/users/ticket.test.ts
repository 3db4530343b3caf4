import { describe, expect, it } from "vitest";
import { createTicket, verifyTicket } from "./ticket";

describe("crowd sign-in tickets", () => {
  const now = 1_700_000_000_000;
  it("round-trips within its lifetime", async () => {
    expect(await verifyTicket("s", await createTicket("s", "user-1", now), now + 59_000)).toBe("user-1");
  });
  it("rejects expired, forged, re-signed and malformed tickets", async () => {
    const t = await createTicket("s", "user-1", now);
    expect(await verifyTicket("s", t, now + 61_000)).toBeNull();
    expect(await verifyTicket("other", t, now)).toBeNull();
    const [header, , mac] = t.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "admin", aud: "verdict:crowd-sign-in", exp: now / 1000 + 60 }),
    ).toString("base64url");
    expect(await verifyTicket("s", `${header}.${forged}.${mac}`, now)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    expect(await verifyTicket("s", `${none}.${forged}.`, now)).toBeNull();
    expect(await verifyTicket("s", t.split(".").slice(0, 2).join("."), now)).toBeNull();
    expect(await verifyTicket("s", "", now)).toBeNull();
  });
});
