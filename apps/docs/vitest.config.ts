import { defineConfig } from "vitest/config";

// One browser for the whole file; the steps share its page.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000, sequence: { concurrent: false } },
});
