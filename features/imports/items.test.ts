import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ImportError, IssueList } from "./errors";
import { parseItemsFile, planItems } from "./items";
import { MAX_LINE_BYTES } from "./lines";
import { readRecords } from "./records";
import { itemRowSchema } from "./schemas";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-items-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const row = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    prompt_id: id,
    prompt: `Prompt ${id}`,
    responses: { ref: `r-${id}`, base: `b-${id}` },
    ...extra,
  });

async function issuesOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ImportError) return e.issues.map(String);
    throw e;
  }
  throw new Error("expected an ImportError");
}

describe("parseItemsFile (JSONL)", () => {
  it("parses prompts, multi-turn messages and responses with line numbers", async () => {
    const file = write(
      "ok.jsonl",
      [
        row("p1", { category: "advice", source: "reddit" }),
        "",
        JSON.stringify({
          prompt_id: 2,
          messages: [
            { role: "user", content: "Hi" },
            { role: "assistant", content: "Hello" },
            { role: "user", content: "Tell me a joke" },
          ],
          responses: { ref: "A joke", base: "Another joke" },
        }),
      ].join("\n") + "\n",
    );
    const prompts = await parseItemsFile(file);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toMatchObject({
      line: 1,
      externalId: "p1",
      text: "Prompt p1",
      category: "advice",
      source: "reddit",
    });
    expect(prompts[1]).toMatchObject({ line: 3, externalId: "2", text: null });
    expect(prompts[1].messages).toHaveLength(3);
    expect(prompts[1].responses.get("base")).toBe("Another joke");
  });

  it("names file, line and field of a bad line in the middle", async () => {
    const file = write(
      "bad.jsonl",
      [row("a"), row("b"), '{"prompt_id": "c", "prompt": "x", "responses": {"ref": 3}}', row("d")].join("\n"),
    );
    expect(await issuesOf(parseItemsFile(file, { displayName: "bad.jsonl" }))).toEqual([
      "bad.jsonl:3: responses.ref: a response text, or a list of assistant turns",
    ]);
  });

  it("reports invalid JSON, non-objects and missing prompt", async () => {
    const file = write(
      "broken.jsonl",
      [row("a"), '{"prompt_id": "b", ', "[1,2]", '{"prompt_id": "c", "responses": {"ref": "x"}}'].join("\n"),
    );
    const issues = await issuesOf(parseItemsFile(file, { displayName: "f" }));
    expect(issues[0]).toMatch(/^f:2: \(json\): invalid JSON/);
    expect(issues[1]).toBe("f:3: (json): each line must be one JSON object");
    expect(issues[2]).toBe('f:4: prompt: give exactly one of "prompt" or "messages"');
  });

  it("rejects wrong types and empty values field by field", async () => {
    const file = write(
      "types.jsonl",
      [
        JSON.stringify({ prompt_id: "", prompt: "x", responses: { ref: "a" } }),
        JSON.stringify({ prompt_id: "b", prompt: "x", responses: ["a"] }),
        JSON.stringify({ prompt_id: "c", prompt: "x", responses: {} }),
        JSON.stringify({
          prompt_id: "d",
          prompt: "x",
          messages: [{ role: "user" }],
          responses: { ref: "a" },
        }),
      ].join("\n"),
    );
    const issues = await issuesOf(parseItemsFile(file, { displayName: "f" }));
    expect(issues).toContain("f:1: prompt_id: must not be empty");
    expect(issues.some((i) => i.startsWith("f:2: responses: "))).toBe(true);
    expect(issues).toContain("f:3: responses: must hold at least one response");
    expect(issues.some((i) => i.startsWith("f:4: messages.0.content: "))).toBe(true);
  });

  it("rejects duplicate prompt ids, naming the first occurrence", async () => {
    const file = write("dup.jsonl", [row("a"), row("b"), row("a")].join("\n"));
    expect(await issuesOf(parseItemsFile(file, { displayName: "f" }))).toEqual([
      'f:3: prompt_id: duplicate "a" (first on line 1)',
    ]);
  });

  it("rejects an empty file", async () => {
    const file = write("empty.jsonl", "\n\n");
    expect(await issuesOf(parseItemsFile(file, { displayName: "f" }))).toEqual([
      "f:1: (file): file is empty: no records found",
    ]);
  });

  it("rejects a line that is not UTF-8, naming the line", async () => {
    const latin1 = Buffer.from(
      JSON.stringify({ prompt_id: "b", prompt: "caf\u00e9", responses: { ref: "x" } }),
      "latin1",
    );
    const file = write(
      "latin1.jsonl",
      Buffer.concat([Buffer.from(row("a") + "\n"), latin1, Buffer.from("\n")]),
    );
    expect(await issuesOf(parseItemsFile(file, { displayName: "f" }))).toEqual([
      "f:2: (line): not valid UTF-8 (save the file as UTF-8)",
    ]);
  });

  it("rejects a 10 MB line without reading it whole, and goes on with the next", async () => {
    const huge = JSON.stringify({
      prompt_id: "big",
      prompt: "x",
      responses: { ref: "y".repeat(10 * 1024 * 1024) },
    });
    expect(huge.length).toBeGreaterThan(MAX_LINE_BYTES);
    const file = write("huge.jsonl", [row("a"), huge, '{"oops'].join("\n"));
    const issues = await issuesOf(parseItemsFile(file, { displayName: "f" }));
    expect(issues[0]).toBe("f:2: (line): line is longer than 4 MB");
    expect(issues[1]).toMatch(/^f:3: \(json\)/);
  });

  it("accepts a UTF-8 BOM, CRLF line ends and gzip", async () => {
    const text = "\uFEFF" + [row("a"), row("b")].join("\r\n") + "\r\n";
    const plain = await parseItemsFile(write("bom.jsonl", text));
    expect(plain.map((p) => p.externalId)).toEqual(["a", "b"]);
    expect(plain[1].text).toBe("Prompt b");
    const gz = await parseItemsFile(write("bom.jsonl.gz", zlib.gzipSync(text)));
    expect(gz).toEqual(plain);
  });
});

describe("parseItemsFile (CSV)", () => {
  it("groups rows per prompt and keeps multi-line quoted cells", async () => {
    const csv = [
      "prompt_id,prompt,model,response,category,source",
      'p1,"Say hi",ref,"Hi,\nthere",greet,',
      "p1,Say hi,base,Hello,greet,",
      'p2,"Quote ""this""",ref,ok,,',
      'p2,"Quote ""this""",base,fine,,',
    ].join("\n");
    const prompts = await parseItemsFile(write("ok.csv", csv));
    expect(prompts).toHaveLength(2);
    expect(prompts[0].responses.get("ref")).toBe("Hi,\nthere");
    expect(prompts[0].category).toBe("greet");
    expect(prompts[1].text).toBe('Quote "this"');
  });

  it("names the line of a bad row after a multi-line cell", async () => {
    const csv = ["prompt_id,prompt,model,response", 'p1,x,ref,"two\nlines"', "p1,x,base,", "p2,y,,z"].join(
      "\n",
    );
    expect(await issuesOf(parseItemsFile(write("bad.csv", csv), { displayName: "f.csv" }))).toEqual([
      "f.csv:5: model: must not be empty",
    ]);
  });

  it("rejects missing columns, quoting errors and duplicate prompt x model rows", async () => {
    expect(
      await issuesOf(
        parseItemsFile(write("cols.csv", "prompt_id,prompt,response\np,x,y"), { displayName: "f" }),
      ),
    ).toEqual(["f:1: (header): missing column(s): model"]);
    const quoting = await issuesOf(
      parseItemsFile(write("q.csv", 'prompt_id,prompt,model,response\np,x,m,"unclosed\n'), {
        displayName: "f",
      }),
    );
    expect(quoting[0]).toMatch(/^f:\d+: \(csv\): /);
    const dup = await issuesOf(
      parseItemsFile(write("d.csv", "prompt_id,prompt,model,response\np,x,m,a\np,x,m,b"), {
        displayName: "f",
      }),
    );
    expect(dup).toEqual(['f:3: model: duplicate response of "m" to prompt "p"']);
  });
});

describe("planItems", () => {
  const prompts = [
    {
      line: 1,
      externalId: "a",
      text: "x",
      messages: null,
      category: null,
      source: null,
      responses: new Map([
        ["ref", "1"],
        ["b1", "2"],
        ["b2", "3"],
      ]),
      turns: new Map(),
    },
  ];
  it("defaults baselines to every other model", () => {
    expect(planItems("f", prompts, { reference: "ref" }).baselines).toEqual(["b1", "b2"]);
  });
  it("rejects unknown models on the command line", () => {
    expect(() => planItems("f", prompts, { reference: "nope" })).toThrow(
      'f:0: --reference: model "nope" has no responses in the file (models: b1, b2, ref)',
    );
    expect(() => planItems("f", prompts, { reference: "ref", baselines: ["b1", "zz"] })).toThrow(
      'f:0: --baselines: model "zz" has no responses in the file',
    );
    expect(() => planItems("f", prompts, { reference: "ref", baselines: ["ref"] })).toThrow(
      '"ref" is the reference model',
    );
  });
});

describe("CSV line numbers", () => {
  it("count from the file's first line with a BOM, quoted newlines and blank lines", async () => {
    const csv = '\uFEFFprompt_id,prompt,model,response\r\np1,x,ref,"a\nb"\r\n\r\np1,x,,c\r\n';
    expect(await issuesOf(parseItemsFile(write("bom.csv", csv), { displayName: "f.csv" }))).toEqual([
      "f.csv:5: model: must not be empty",
    ]);
  });
});

describe("import limits", () => {
  it("stops a gzip bomb at the decompressed-size limit with a clear error, reading no further", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MB of spaces in ~64 KB
    const issues = await issuesOf(
      parseItemsFile(write("bomb.jsonl.gz", bomb), {
        displayName: "bomb.jsonl.gz",
        maxDecompressedBytes: 8 * 1024 * 1024,
      }),
    );
    expect(issues).toEqual([
      "bomb.jsonl.gz:0: (file): decompresses to more than 8 MB, the limit for one import",
    ]);
  });
  it("names a corrupt gzip file instead of failing", async () => {
    const issues = await issuesOf(
      parseItemsFile(write("bad.jsonl.gz", Buffer.from("not gzip at all")), { displayName: "bad.jsonl.gz" }),
    );
    expect(issues[0]).toMatch(/^bad\.jsonl\.gz:0: \(file\): not valid gzip/);
  });
  it("rejects an escaped NUL in any text field with its line and field", async () => {
    const line = JSON.stringify({ prompt_id: "p1", prompt: "ok", responses: { ref: "a\u0000b", base: "c" } });
    expect(await issuesOf(parseItemsFile(write("nul.jsonl", line), { displayName: "nul.jsonl" }))).toEqual([
      "nul.jsonl:1: responses.ref: must not contain a NUL character (\\u0000)",
    ]);
    // The six characters \u0000 as text (an escaped backslash before them) are not a NUL; a raw NUL is not JSON.
    const text = JSON.stringify({ prompt_id: "p1", prompt: "\\u0000", responses: { ref: "a", base: "c" } });
    expect((await parseItemsFile(write("text.jsonl", text)))[0].text).toBe("\\u0000");
    const raw = '{"prompt_id": "p1", "prompt": "a\u0000b", "responses": {"ref": "a", "base": "c"}}';
    expect(await issuesOf(parseItemsFile(write("raw.jsonl", raw), { displayName: "raw.jsonl" }))).toEqual([
      expect.stringMatching(/^raw\.jsonl:1: \(json\): invalid JSON: Bad control character/),
    ]);
    const csv = "prompt_id,prompt,model,response\np1,x\u0000y,ref,r\n";
    expect(await issuesOf(parseItemsFile(write("nul.csv", csv), { displayName: "nul.csv" }))).toEqual([
      "nul.csv:2: prompt: must not contain a NUL character (\\u0000)",
    ]);
  });
});

describe("streaming", () => {
  it("reads records as they are consumed, never the whole file first", async () => {
    const lines = Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify({ prompt_id: `p${i}`, prompt: "x".repeat(1000), responses: { ref: "a", base: "b" } }),
    );
    const file = write("big.jsonl", lines.join("\n"));
    let read = 0;
    const records = readRecords(file, itemRowSchema, new IssueList("big.jsonl"), {
      requiredColumns: [],
      onBytes: (n) => (read += n),
    });
    const first = await records.next();
    expect(first.value?.line).toBe(1);
    expect(read).toBeLessThan(fs.statSync(file).size / 2); // 4 MB file, read in 1 MB chunks
    await records.return(undefined);
  });
});
