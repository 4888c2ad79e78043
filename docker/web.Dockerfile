# syntax=docker/dockerfile:1
# Nông Sàn Số web app: a Node server (tools/scripts/serve-web.mjs) that renders the public pages on the server
# (Angular SSR: home, search, products, shops, sitemap.xml, robots.txt), serves the browser build's files, proxies
# /api, /t and /01 to the api service (one origin for the browser) and sends the security headers. From the repo root:
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

# ---- runtime: Node, no node_modules (the SSR bundle carries its dependencies; serve-web.mjs has none) ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production WEB_HOST=0.0.0.0 WEB_PORT=8080 \
    WEB_ROOT=/app/dist/apps/web/browser WEB_SSR_ENTRY=/app/dist/apps/web/server/server.mjs \
    API_URL=http://api:3000
# The Angular application builder writes dist/apps/web/browser (static files) and dist/apps/web/server (SSR).
COPY --from=build /repo/dist/apps/web /app/dist/apps/web
COPY tools/scripts/serve-web.mjs /app/tools/scripts/serve-web.mjs
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/robots.txt').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "tools/scripts/serve-web.mjs"]
