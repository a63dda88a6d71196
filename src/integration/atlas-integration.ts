/**
 * The GitOps Atlas Astro integration: hands the site its settings (which repository, which
 * configuration overrides, whether to keep a read cache between scans) through a Vite virtual
 * module, the way Starlight hands over its user config (`virtual:starlight/user-config`). The
 * loaders and pages read `virtual:gitops-atlas/settings`; nothing travels through process.env.
 */
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { provideAtlases } from './atlas-provider.ts';
import { type AtlasSettings, definedOverrides } from './settings.ts';

export const SETTINGS_MODULE = 'virtual:gitops-atlas/settings';
// Vite's convention: a resolved virtual id starts with \0 so that no other plugin tries to load it.
const RESOLVED = `\0${SETTINGS_MODULE}`;

/** The Vite plugin that serves `virtual:gitops-atlas/settings` as `export default {...}`. */
function vitePluginAtlasSettings(settings: AtlasSettings): Plugin {
  return {
    name: 'gitops-atlas:settings',
    resolveId: (id) => (id === SETTINGS_MODULE ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(settings)};` : undefined),
  };
}

export interface AtlasIntegrationOptions {
  /** The repository to document, absolute. */
  repo: string;
  /** Configuration overrides, in the shape of atlas.config.yaml. */
  overrides?: Record<string, unknown>;
  /** Keep the read cache between scans; default: on for `astro dev`, off for `astro build`. */
  devCache?: boolean;
}

export function atlasIntegration(options: AtlasIntegrationOptions): AstroIntegration {
  return {
    name: 'gitops-atlas',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const settings: AtlasSettings = {
          repo: options.repo,
          overrides: definedOverrides(options.overrides),
          devCache: options.devCache ?? command === 'dev',
        };
        // The pipeline runs here, in the config's native copy of the modules; the site's loaders
        // and pages (transformed by Vite) only read its result (src/loaders/atlas-data.ts).
        provideAtlases();
        updateConfig({ vite: { plugins: [vitePluginAtlasSettings(settings)] } });
      },
    },
  };
}
