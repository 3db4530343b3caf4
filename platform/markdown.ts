import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import type { Root } from "mdast";
import { LRUCache } from "lru-cache";

/** Raw HTML in model output is shown as the text it is, never interpreted (an answer about `<div>` keeps it). */
function rawHtmlAsText() {
  return (tree: Root) => {
    visit(tree, "html", (node) => {
      (node as unknown as { type: string }).type = "text";
    });
  };
}

/** Images are replaced by their alt text: a remote image would leak the annotator's visit to its host. */
function imagesAsText() {
  return (tree: Root) => {
    visit(tree, "image", (node, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children[index] = { type: "text", value: `[image: ${node.alt || node.url}]` };
    });
  };
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== "img"),
  attributes: {
    ...defaultSchema.attributes,
    // language and highlight.js classes on code and its spans; nothing else gains attributes.
    code: [...(defaultSchema.attributes?.code ?? []), ["className", /^language-./]],
    span: [...(defaultSchema.attributes?.span ?? []), ["className", /^hljs-./]],
  },
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"] },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(rawHtmlAsText)
  .use(imagesAsText)
  .use(remarkRehype)
  .use(rehypeHighlight, { detect: false })
  .use(rehypeSanitize, schema)
  .use(rehypeStringify);

/**
 * The version of this pipeline's output. Texts are rendered once and stored with it; bump it whenever a change
 * above changes any output, so stored renderings are redone (markdown.test.ts pins the output of a sample).
 */
export const MARKDOWN_RENDERER_VERSION = 1;

// The same responses are shown to many annotators: keep recent renderings.
const cache = new LRUCache<string, string>({ max: 2000 });

/** Markdown (lists, tables, fenced code with highlighting) to sanitized HTML: no raw HTML, scripts or images. */
export function renderMarkdown(markdown: string): string {
  const hit = cache.get(markdown);
  if (hit !== undefined) return hit;
  // Links open elsewhere and send no referrer.
  const html = String(processor.processSync(markdown)).replace(
    /<a href=/g,
    '<a rel="noopener noreferrer nofollow" target="_blank" href=',
  );
  cache.set(markdown, html);
  return html;
}
