import { defineConfig } from "vitest/config";

// The rehearsal's steps run in order and share the registry; its progress lines are the point.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000, fileParallelism: false },
});
