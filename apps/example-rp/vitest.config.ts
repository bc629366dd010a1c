import { defineConfig } from "vitest/config";

// The browser test shares one Chromium and one sandbox across its steps, in order.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000, sequence: { concurrent: false } },
});
