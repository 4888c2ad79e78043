# syntax=docker/dockerfile:1
# Nông Sàn Số web app: the Angular build served by nginx, which also proxies /api to the api service
# (one origin for the browser). From the repo root:
#   docker build -f docker/web.Dockerfile -t nong-san-so/web .

# ---- build ----
FROM node:20-bookworm-slim AS build
WORKDIR /repo
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false CI=true \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx nx build web --outputStyle=static

# ---- runtime: static files + nginx ----
FROM nginx:1.27-alpine AS runtime
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
# The Angular application builder writes the browser bundle to dist/apps/web/browser.
COPY --from=build /repo/dist/apps/web/browser /usr/share/nginx/html
EXPOSE 80
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1
