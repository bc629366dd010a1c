import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The package test packs and installs the package; give it room on a 2-core machine.
    hookTimeout: 180_000,
    testTimeout: 30_000,
  },
});
