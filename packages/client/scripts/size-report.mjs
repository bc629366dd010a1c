// What each kilobyte buys: bundles each entry the way size-limit does (esbuild: bundle, minify,
// tree-shake; the JSON entry with the lazy XML chunk left out), but from src/, so that the
// esbuild metafile names our modules, and prints bytes per module: minified, and an estimated
// share of the min+gzip total (each module's minified code gzipped alone, scaled so the shares
// add up to the bundle's real gzip size: gzip shares its dictionary across modules).
// `pnpm size:why`; `--markdown` prints the table for BENCHMARKS.md.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const markdown = process.argv.includes("--markdown");

const entries = [
  {
    name: "JSON entry: createSignereIdClient",
    source: "src/index.ts",
    imports: "createSignereIdClient",
    external: ["./xml.js", "../xml.js"],
  },
  { name: "XML entry: parseSignereIdXml", source: "src/xml.ts", imports: "parseSignereIdXml" },
];

/** Bundles one entry; returns the minified code, and each module's own code (comments mark them). */
async function bundle(entry, dir) {
  const loader = join(dir, `${entry.imports}.js`);
  writeFileSync(
    loader,
    `import { ${entry.imports} } from ${JSON.stringify(join(root, entry.source))};\nconsole.log(${entry.imports});\n`,
  );
  const common = {
    entryPoints: [loader],
    bundle: true,
    write: false,
    treeShaking: true,
    external: entry.external ?? [],
    logLevel: "error",
  };
  const minified = await build({ ...common, minify: true, metafile: true });
  // Identifiers and syntax minified, whitespace kept: esbuild then marks each module with a
  // `// path` comment, which splits the code by module (ESM: each piece is top-level code).
  const marked = await build({
    ...common,
    format: "esm",
    minifyIdentifiers: true,
    minifySyntax: true,
  });
  const code = minified.outputFiles[0].text;
  const inputs = Object.values(minified.metafile.outputs)[0].inputs;
  const pieces = marked.outputFiles[0].text.split(/^\/\/ (\S+)$/m);
  const own = new Map();
  for (let i = 1; i < pieces.length; i += 2) {
    const { code: piece } = await transform(pieces[i + 1], { minifyWhitespace: true });
    own.set(pieces[i], piece);
  }
  return { code, inputs, own };
}

const nameOf = (path) => {
  const rel = relative(root, join(root, path)).replaceAll("\\", "/");
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(
    rel,
  );
  return pkg ? `${pkg[1]}/${pkg[2]}` : rel;
};

const dir = mkdtempSync(join(tmpdir(), "size-report-"));
try {
  for (const entry of entries) {
    const { code, inputs, own } = await bundle(entry, dir);
    // As size-limit counts: gzip level 9, less what an empty import of nothing costs (46 bytes).
    const total = gzipSync(code, { level: 9 }).length - 46;
    const rows = Object.entries(inputs)
      .filter(
        ([path, { bytesInOutput }]) => bytesInOutput > 0 && !path.endsWith(`/${entry.imports}.js`),
      )
      .map(([path, { bytesInOutput }]) => {
        const piece = [...own].find(([marker]) => path.endsWith(marker))?.[1] ?? "";
        return { name: nameOf(path), min: bytesInOutput, alone: gzipSync(piece).length };
      })
      .sort((a, b) => b.min - a.min);
    const aloneSum = rows.reduce((sum, row) => sum + row.alone, 0);
    const kB = (bytes) => (bytes / 1000).toFixed(2);
    console.log(
      markdown
        ? `\n**${entry.name}**: ${kB(code.length)} kB minified, ${kB(total)} kB min+gzip\n\n| module | minified | ≈ gzip share |\n| --- | ---: | ---: |`
        : `\n${entry.name}: ${kB(code.length)} kB minified, ${kB(total)} kB min+gzip`,
    );
    for (const row of rows) {
      const share = kB((row.alone / aloneSum) * total);
      console.log(
        markdown
          ? `| ${row.name} | ${kB(row.min)} kB | ${share} kB |`
          : `  ${row.name.padEnd(56)} ${kB(row.min).padStart(6)} kB min  ≈${share.padStart(5)} kB gzip`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
