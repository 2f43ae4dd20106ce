# Production image: Node 20 on Debian, the client built at image build time, no downloads at run time.
# Three stages: `build` has every dependency and builds the client; `deps` installs the production
# dependencies alone; `runtime` takes the second and the built client, and runs as the `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# `npm run build`, not `vite build`: the script builds every bundle the server serves.
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# tsx (the server runs TypeScript without a build) and vite are production dependencies, so they stay.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# Everything the monitor writes lies under /data: the database, its backups, the generated demo.
# Two malloc arenas: with one per thread (glibc's default) the server's memory crept up under load;
# capped, it stays flat (docs/operations.md#memory).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 MM_DB=/data/milieumonitor.duckdb MM_DEMO_DIR=/data/demo MALLOC_ARENA_MAX=2
COPY --from=deps /app/node_modules ./node_modules
# The sources (src, config, the demo generator; .dockerignore keeps out data, builds and tests).
# client/ comes too: at start the server compares the built client with its sources (src/app/client-build.ts).
COPY . .
COPY --from=build /app/dist ./dist
# Built after every source it was built from, whatever times COPY kept, so the start-up check never rebuilds.
RUN find dist -name index.html -exec touch {} + \
  && mkdir -p /data /app/data \
  && chown node:node /data /app/data
VOLUME /data
EXPOSE 3000
USER node
# Liveness without curl (not in slim images): node's own fetch. /readyz is for a load balancer or orchestrator.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1, so SIGTERM from `docker stop` reaches the monitor's graceful shutdown (no npx/tsx wrapper in between).
CMD ["node", "--import", "tsx", "src/app/main.ts"]
