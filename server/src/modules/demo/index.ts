import type { ModuleManifest } from '../../platform/types.js';
import { seedFollowupStory } from './followup-story.js';

/** The demo's story across modules: seeds only, no routes. */
export const demoModule: ModuleManifest = {
  name: 'demo',
  routes: () => {},
  seeds: [{ order: 60, name: 'demo.followup', run: seedFollowupStory }],
};
