# syntax=docker/dockerfile:1
# Verdict: multi-stage build of the standalone Next.js server, run as a non-root user.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 VERDICT_DATA_DIR=/data
RUN groupadd --system verdict && useradd --system --gid verdict --home-dir /app verdict \
  && mkdir -p /data && chown verdict:verdict /data
COPY --from=build --chown=verdict:verdict /app/.next/standalone ./
COPY --from=build --chown=verdict:verdict /app/.next/static ./.next/static
COPY --from=build --chown=verdict:verdict /app/public ./public
COPY --from=build --chown=verdict:verdict /app/db/migrations ./db/migrations
COPY --from=build --chown=verdict:verdict /app/data/demo ./data/demo
COPY --from=build --chown=verdict:verdict /app/data/validation ./data/validation
USER verdict
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
