import { defineConfig } from "tsup";

// index: the client (JSON); xml: the XML reader, loaded by the client only when XML is asked for.
export default defineConfig({
  entry: ["src/index.ts", "src/xml.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  splitting: true,
});
