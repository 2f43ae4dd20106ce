# Production image: Node 20 on Debian, the monitor built at image build time, no downloads at run time.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN npx vite build
# Two malloc arenas: with one per thread (glibc's default) the server's memory crept up under load;
# capped, it stays flat (docs/operations.md#memory).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 MM_DB=/data/milieumonitor.duckdb MALLOC_ARENA_MAX=2
RUN mkdir -p /data && chown node:node /data /app/data
VOLUME /data
EXPOSE 3000
USER node
# node itself is PID 1, so SIGTERM from `docker stop` reaches the monitor's graceful shutdown (no npx/tsx wrapper in between).
CMD ["node", "--import", "tsx", "server/main.ts"]
