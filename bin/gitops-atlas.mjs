#!/usr/bin/env node
// The package's command. An installed package runs the CLI compiled at pack time (lib/atlas.mjs),
// because Node does not strip TypeScript types under node_modules; a checkout of the repository
// has no lib/ and runs the TypeScript sources directly.
import { existsSync } from 'node:fs';

const compiled = new URL('../lib/atlas.mjs', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../scripts/atlas.ts', import.meta.url).href);
