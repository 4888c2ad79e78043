# syntax=docker/dockerfile:1
# Nông Sàn Số worker (BullMQ consumers: thumbnails, notifications, scheduled jobs). From the repo root:
#   docker build -f docker/worker.Dockerfile -t nong-san-so/worker .

# ---- build (identical first layers to api.Dockerfile, so the npm install layer is shared) ----
FROM node:20-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx nx build worker --outputStyle=static \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production MEDIA_DIR=/data/media
WORKDIR /app
COPY --from=build --chown=node:node /repo/node_modules ./node_modules
COPY --from=build --chown=node:node /repo/dist/apps/worker ./
RUN mkdir -p /data/media && chown node:node /data/media
USER node
CMD ["node", "main.js"]
