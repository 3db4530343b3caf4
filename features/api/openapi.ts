import { z } from "zod";
import { importItemsRequestSchema } from "@/features/imports";
import { exportRequestSchema, resultFiltersSchema } from "@/features/results";

const json = (schema: z.ZodType) =>
  // Input side: what a client sends (defaults optional); transforms have no JSON form and are left open.
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "openapi-3.0" }) as Record<
    string,
    unknown
  >;

/** Query parameters of a GET, one per property of an object schema. */
function queryParameters(schema: z.ZodType) {
  const doc = json(schema) as { properties?: Record<string, object> };
  return Object.entries(doc.properties ?? {}).map(([name, s]) => ({ name, in: "query", schema: s }));
}

/** The new-study body: the items import's schema, with the CLI's `study` named `slug` as in forms. */
function newStudyBody() {
  const doc = json(importItemsRequestSchema) as {
    properties: Record<string, unknown>;
    required: string[];
  };
  const { study, scale, ...rest } = doc.properties;
  return {
    ...doc,
    properties: {
      slug: study,
      ...rest,
      scale: { oneOf: [scale, { type: "array", items: { type: "string" }, minItems: 2 }] },
    },
    required: doc.required.map((r) => (r === "study" ? "slug" : r)),
  };
}

const importErrors = {
  type: "object",
  properties: {
    error: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: { line: { type: "integer" }, field: { type: "string" }, message: { type: "string" } },
        required: ["line", "field", "message"],
      },
    },
  },
};

const fileBody = {
  required: true,
  content: {
    "application/x-ndjson": { schema: { type: "string", format: "binary" } },
    "text/csv": { schema: { type: "string", format: "binary" } },
  },
};

const answers = (ok: object) => ({
  ...ok,
  "401": { description: "no valid token" },
  "403": { description: "the token's owner may not" },
  "404": { description: "no such study" },
  "429": { description: "too many requests for this token (Retry-After)" },
});

const slug = { name: "slug", in: "path", required: true, schema: { type: "string" } };

/** The API's OpenAPI 3.0 document, generated from the zod schemas the routes parse with. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.0.3",
    info: { title: "Verdict API", version: "1" },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { token: { type: "http", scheme: "bearer", description: "a personal access token" } },
    },
    security: [{ token: [] }],
    paths: {
      "/studies": {
        post: {
          summary: "Create a study with no items yet",
          requestBody: { required: true, content: { "application/json": { schema: newStudyBody() } } },
          responses: answers({ "201": { description: "created" }, "400": { description: "a bad field" } }),
        },
      },
      "/studies/{slug}/items": {
        post: {
          summary: "Add prompts and responses (the body is the file); nothing is written on any error",
          parameters: [slug],
          requestBody: fileBody,
          responses: answers({
            "200": { description: "counts of what was written" },
            "422": { description: "line errors", content: { "application/json": { schema: importErrors } } },
          }),
        },
      },
      "/studies/{slug}/judgments": {
        post: {
          summary: "Add human or judge verdicts (the body is the file); nothing is written on any error",
          parameters: [slug],
          requestBody: fileBody,
          responses: answers({
            "200": { description: "counts of what was written" },
            "422": { description: "line errors", content: { "application/json": { schema: importErrors } } },
          }),
        },
        get: {
          summary: "Every live verdict, streamed",
          parameters: [slug, ...queryParameters(exportRequestSchema.pick({ format: true }))],
          responses: answers({ "200": { description: "CSV or JSONL" } }),
        },
      },
      "/studies/{slug}/stats": {
        get: {
          summary: "The stats --json document",
          parameters: [
            slug,
            ...queryParameters(resultFiltersSchema),
            { name: "plan", in: "query", schema: { type: "number", minimum: 0.005, maximum: 0.5 } },
          ],
          responses: answers({ "200": { description: "the stats document" } }),
        },
      },
    },
  };
}
