// Types of the integration's virtual module (atlas-integration.ts), declared the way Starlight
// declares `virtual:starlight/user-config`. Only code that Astro runs (content.config.ts, pages,
// src/loaders/atlas-data.ts's getAtlas) may import it; plain Node cannot resolve it.
declare module 'virtual:gitops-atlas/settings' {
  const settings: import('./settings.ts').AtlasSettings;
  export default settings;
}
