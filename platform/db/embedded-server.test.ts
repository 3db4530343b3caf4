import { describe, expect, it } from "vitest";
import { lastReadyStatus } from "./embedded-server";

const msg = (type: string, body: number[]) =>
  Buffer.from([type.charCodeAt(0), 0, 0, 0, 4 + body.length, ...body]);

describe("lastReadyStatus", () => {
  it("reads the status of the last ReadyForQuery in a run of backend messages", () => {
    const complete = msg("C", [..."INSERT 0 1"].map((c) => c.charCodeAt(0)).concat(0));
    expect(lastReadyStatus(Buffer.concat([complete, msg("Z", ["T".charCodeAt(0)])]))).toBe("T");
    expect(
      lastReadyStatus(
        Buffer.concat([msg("Z", ["T".charCodeAt(0)]), complete, msg("Z", ["I".charCodeAt(0)])]),
      ),
    ).toBe("I");
    expect(lastReadyStatus(Buffer.concat([msg("1", []), msg("2", [])]))).toBeNull(); // Parse/Bind complete, no Sync yet
    expect(lastReadyStatus(Buffer.alloc(0))).toBeNull();
  });
});
