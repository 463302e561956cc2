import { ensureApiBuilt } from './server.js';

/** The end-to-end tiers run the built api: build it once, before any file starts it. */
export default function setup(): void {
  ensureApiBuilt();
}
