import { describe, expect, it } from "vitest";
import { binaryTextArray } from "./text-array";

const int32s = (...xs: number[]) => xs.flatMap((x) => [...Buffer.from(new Int32Array([x]).buffer).reverse()]);

describe("binaryTextArray", () => {
  it("writes the header, each element's length and UTF-8 bytes, and -1 for NULL (array_send's layout)", () => {
    expect([...binaryTextArray(["a", null, "é"])]).toEqual([
      ...int32s(1, 1, 25), // one dimension, has nulls, element type text
      ...int32s(3, 1), // three elements from index 1
      ...int32s(1),
      0x61, // "a"
      ...int32s(-1), // NULL
      ...int32s(2),
      0xc3,
      0xa9, // "é" in UTF-8
    ]);
  });
  it("writes an empty array as no dimensions", () => {
    expect([...binaryTextArray([])]).toEqual(int32s(0, 0, 25));
  });
  it("clears the has-nulls flag when there is none", () => {
    expect(binaryTextArray(["", "x"]).readInt32BE(4)).toBe(0);
  });
});
