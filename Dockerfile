# GitOps Atlas in your cluster: build the site for a GitOps repository, serve it unprivileged.
#
#   docker build --build-context repo=../home-ops \
#     --build-arg SITE=https://atlas.example.com -t atlas .
#   docker run --read-only --user 1000 -p 8080:8080 atlas
#
# The GitOps repository is a second build context named `repo` (with its .git, for the changelog
# and the footer's commit). The final stage holds the built site and a dependency-free static
# server (scripts/serve-static.ts, the one the browser tests run), runs as the unprivileged `node`
# user on port 8080 and writes nothing, so it runs with a read-only root filesystem.

# ---- build: this package's dependencies, then the site ----------------------------------------------
FROM node:24-bookworm AS build
WORKDIR /atlas
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
COPY --from=repo . /repo
ARG SITE=""
ARG BASE="/"
# git refuses to read a repository owned by another user unless told it is safe.
RUN git config --global --add safe.directory /repo \
 && node scripts/atlas.ts build --repo /repo --out /site ${SITE:+--site "$SITE"} --base "$BASE"

# ---- serve: non-root, read-only, port 8080 ----------------------------------------------------------
FROM node:24-bookworm-slim AS serve
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /atlas/scripts/serve-static.ts ./serve-static.ts
COPY --from=build --chown=root:root /site /site
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:8080/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/serve-static.ts", "/site", "--host", "0.0.0.0", "--port", "8080"]
