# syntax=docker/dockerfile:1
# Nông Sàn Số API (NestJS on Fastify). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t nong-san-so/api .
# The same image runs the seed: `node main.js seed`.

# ---- build: full workspace install, Nx build of the api bundle, then drop dev dependencies ----
FROM node:20-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SCARF_ANALYTICS=false
# Lockfile first, so the (slow) install layer is cached until dependencies change.
# `npm install`, not `npm ci`: see shared/docs/environment.md (ci rejects our lockfile).
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx nx build api --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: Node + production node_modules + the webpack bundle (workspace libs are inlined) ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production API_HOST=0.0.0.0 API_PORT=3000 MEDIA_DIR=/data/media
WORKDIR /app
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/dist/apps/api ./
# Uploaded photos; owned by `node` so a fresh named volume mounted here is writable.
RUN mkdir -p /data/media && chown node:node /data/media
USER node
EXPOSE 3000
# Liveness: the process serves requests (no dependency checked, so an outage of the database or Redis does not get
# the replicas replaced: restarting them brings nothing back). Readiness (/api/health/ready) is compose.yaml's.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.API_PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "main.js"]
