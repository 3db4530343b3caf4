import { describe, expect, it } from "vitest";
import { createTicket, verifyTicket } from "./ticket";

describe("crowd sign-in tickets", () => {
  const now = 1_700_000_000_000;
  it("round-trips within its lifetime", () => {
    expect(verifyTicket("s", createTicket("s", "user-1", now), now + 59_000)).toBe("user-1");
  });
  it("rejects expired, forged and malformed tickets", () => {
    const t = createTicket("s", "user-1", now);
    expect(verifyTicket("s", t, now + 61_000)).toBeNull();
    expect(verifyTicket("other", t, now)).toBeNull();
    const [payload, mac] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ u: "admin", e: now + 60_000 })).toString("base64url");
    expect(verifyTicket("s", `${forged}.${mac}`, now)).toBeNull();
    expect(verifyTicket("s", payload, now)).toBeNull();
    expect(verifyTicket("s", "", now)).toBeNull();
  });
});
