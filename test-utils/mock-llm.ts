import http from "node:http";
import type { AddressInfo } from "node:net";

export type ChatRequest = {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
};
/** What the stand-in answers: a completion's text, or an HTTP error (with headers such as Retry-After), maybe late. */
export type MockReply =
  | { answer: string; delayMs?: number }
  | { status: number; headers?: Record<string, string>; delayMs?: number };

/**
 * A stand-in for an OpenAI-compatible chat-completions endpoint on loopback (the real providers cannot be reached
 * from tests): POST /v1/chat/completions with a bearer key, answers in the API's JSON shape with token usage, errors
 * in its error shape. `reply` decides each answer from the request and how often it was asked; every request is
 * recorded.
 */
export async function startMockLlm(opts: {
  apiKey: string;
  reply: (request: ChatRequest, attempt: number) => MockReply;
}): Promise<{ baseUrl: string; requests: ChatRequest[]; close: () => Promise<void> }> {
  const requests: ChatRequest[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.method !== "POST" || req.url !== "/v1/chat/completions")
        return send(404, { error: { message: "Unknown path", type: "invalid_request_error", code: null } });
      if (req.headers.authorization !== `Bearer ${opts.apiKey}`)
        return send(401, {
          error: {
            message: "Incorrect API key provided",
            type: "invalid_request_error",
            code: "invalid_api_key",
          },
        });
      const request = JSON.parse(body) as ChatRequest;
      requests.push(request);
      const key = JSON.stringify([request.model, request.messages]);
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const reply = opts.reply(request, attempt);
      setTimeout(() => {
        if (res.destroyed) return;
        if ("status" in reply)
          return send(
            reply.status,
            { error: { message: `mock error ${reply.status}`, type: "server_error", code: null } },
            reply.headers,
          );
        const promptTokens = Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4);
        const completionTokens = Math.ceil(reply.answer.length / 4);
        send(200, {
          id: `chatcmpl-${requests.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [
            { index: 0, message: { role: "assistant", content: reply.answer }, finish_reason: "stop" },
          ],
          usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
          },
        });
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The two answers of a pairwise judge prompt (MT-Bench's or LIMA's markers). */
export function answersOf(request: ChatRequest): { a: string; b: string } | null {
  const user = request.messages.find((m) => m.role === "user")?.content ?? "";
  const mt =
    /\[The Start of Assistant A's Answer\]\n([\s\S]*?)\n\[The End of Assistant A's Answer\][\s\S]*\[The Start of Assistant B's Answer\]\n([\s\S]*?)\n\[The End of Assistant B's Answer\]/.exec(
      user,
    );
  if (mt) return { a: mt[1], b: mt[2] };
  const lima = /\[Response A\]\n([\s\S]*?)\n\n\[Response B\]\n([\s\S]*)$/.exec(user);
  return lima ? { a: lima[1], b: lima[2] } : null;
}
