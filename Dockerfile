# syntax=docker/dockerfile:1
# GitOps Atlas in your cluster: build the site for a GitOps repository, serve it unprivileged.
#
#   docker build --build-context repo=../home-ops \
#     --build-arg SITE=https://atlas.example.com -t atlas .
#   docker run --read-only -p 8080:8080 atlas
#
# Three stages:
#   build   node:24 with git: this package's dependencies, then `atlas build` over the GitOps
#           repository, a second build context named `repo` (with its .git, for the changelog and
#           the footer's commit).
#   server  the serving runtime alone: distroless Node 24 (no shell, no package manager) and the
#           dependency-free static server scripts/serve-static.ts, as uid 65532 on port 8080. The
#           release workflow pushes this stage (`--target server`) as gitops-atlas-server:<version>;
#           examples/workflows/atlas-image.yml adds a site built in CI to it.
#   site    (the default) server + the site built in the `build` stage.
#
# Why Node and not a static-only server image: the server is ours on purpose. It sends one
# Content-Security-Policy per page with the hashes of that page's inline scripts (Starlight's theme
# and search need a few), so the policy needs no 'unsafe-inline'; a generic static server can only
# send one header for every page. It is the same server the browser tests run, so what is tested is
# what is shipped. Distroless keeps the rest small: no shell, no apt, no npm, non-root by default.
# Nothing is written at run time: run it with a read-only root filesystem.

# ---- build: this package's dependencies, then the site -------------------------------------------
FROM node:24-bookworm AS build
WORKDIR /atlas
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
COPY --from=repo . /repo
ARG SITE=""
ARG BASE="/"
# Astro, which makes the pages, sends anonymous usage telemetry from every build unless this is set.
ENV ASTRO_TELEMETRY_DISABLED=1
# git refuses to read a repository owned by another user unless told it is safe.
RUN git config --global --add safe.directory /repo \
 && node scripts/atlas.mjs build --repo /repo --out /site ${SITE:+--site "$SITE"} --base "$BASE"

# ---- server: distroless Node 24 and the static server, non-root, nothing to write ----------------
FROM gcr.io/distroless/nodejs24-debian12:nonroot AS server
ENV NODE_ENV=production
COPY --chown=0:0 --chmod=0444 scripts/serve-static.ts /app/serve-static.ts
USER 65532:65532
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["/nodejs/bin/node", "-e", "fetch('http://127.0.0.1:8080/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/nodejs/bin/node", "/app/serve-static.ts", "/site", "--host", "0.0.0.0", "--port", "8080"]

# ---- site: the server with this build's site -----------------------------------------------------
FROM server AS site
COPY --from=build --chown=0:0 /site /site
