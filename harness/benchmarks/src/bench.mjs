// pnpm bench: @signereid/client against the hand-written limit and the peers a team would
// otherwise use (peers.mjs), on Node 20, 22 and 24 in turn (client-bench.mjs does one version),
// then one table of median ratios and a verdict line per goal.
//   BENCH_NODES=20,22,24  BENCH_ROUNDS=15  BENCH_SLICE_MS=150  BENCH_CLOCK=cpu|wall
import { execFileSync, spawn } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { formatRatio } from "./rounds.mjs";

const NODES = (process.env.BENCH_NODES ?? "20,22,24").split(",").map((v) => v.trim());
const script = fileURLToPath(new URL("./client-bench.mjs", import.meta.url));

/** This Node when it is the major asked for, else that major from the npm registry. */
function nodeBinary(major) {
  if (process.versions.node.split(".")[0] === major) return process.execPath;
  return execFileSync("npx", ["-y", `node@${major}`, "-p", "process.execPath"], {
    encoding: "utf8",
  }).trim();
}

function runOn(binary) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ["--expose-gc", script], { stdio: ["ignore", "pipe", "inherit"] });
    let result;
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7));
        else console.log(line);
      }
    });
    child.on("close", (code) =>
      code === 0 && result ? resolve(result) : reject(new Error(`${binary} exited ${code}`)),
    );
  });
}

console.log(
  `SignereID client against its peers: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${NODES.join(", ")}, timed by ${process.env.BENCH_CLOCK === "wall" ? "the wall clock" : "CPU time"}`,
);
const results = [];
for (const major of NODES) results.push(await runOn(nodeBinary(major)));

const pad = (text, width) => String(text).padEnd(width);
console.log(
  "\nSummary: median ratio to hand-written fetch + node:crypto (IQR over the rounds), per Node",
);
const titles = results[0].modes.map((mode) => mode.title);
for (const [m, title] of titles.entries()) {
  console.log(`  ${title}`);
  for (const [r, row] of results[0].modes[m].rows.entries()) {
    if (row.role === "control") continue;
    const cells = results.map((result) => formatRatio(result.modes[m].rows[r].toControl));
    console.log(`    ${pad(row.name, 46)} ${cells.map((cell) => pad(cell, 22)).join("")}`);
  }
}
console.log(
  `  XML ÷ JSON, same client, stubbed: ${results.map((r) => `Node ${r.node.split(".")[0].slice(1)} ${formatRatio(r.xml.rows[1].toControl)}`).join(", ")}`,
);

// Judged per round: ahead when even the lower quartile of client ÷ peer is above 1, behind when
// even the upper one is below 1, level (within the noise) otherwise. The goal, "at or above every
// peer", is missed only when the client is behind one.
const standing = ({ low, high }) => (low >= 1 ? "ahead" : high < 1 ? "behind" : "level");
console.log("\nVerdicts");
let missed = 0;
for (const [m, title] of titles.entries()) {
  for (const result of results) {
    const { peers } = result.modes[m];
    const worst = peers.reduce((a, b) => (b.vsClient.median < a.vsClient.median ? b : a));
    const states = peers.map((peer) => standing(peer.vsClient));
    const met = !states.includes("behind");
    if (!met) missed++;
    const summary = states.includes("behind")
      ? "behind a peer"
      : states.includes("level")
        ? "level with the nearest peer within the noise, ahead of the others"
        : "ahead of every peer";
    console.log(
      `  client at or above every peer, ${title}, Node ${result.node}: ${met ? "met" : "MISSED"}, ${summary} (client ÷ ${worst.name}: ${formatRatio(worst.vsClient)})`,
    );
  }
}
for (const [m, title] of titles.entries()) {
  const cells = results.map((result) => {
    const row = result.modes[m].rows.find((r) => r.role === "client");
    return `Node ${result.node.split(".")[0].slice(1)} ${row.toControl.median.toFixed(2)}×`;
  });
  const reached = results.every(
    (result) => result.modes[m].rows.find((r) => r.role === "client").toControl.median >= 0.97,
  );
  console.log(
    `  aim 0.97× of hand-written (long term), ${title}: ${reached ? "reached" : "not yet"} (${cells.join(", ")})`,
  );
}
const aa = results.flatMap((result) =>
  result.modes.map((mode) => mode.rows.find((r) => r.role === "aa").toControl.median),
);
console.log(
  `  A/A noise check (hand-written ÷ itself): ${Math.min(...aa).toFixed(2)}–${Math.max(...aa).toFixed(2)}× across modes and versions`,
);
console.log(`\n${missed === 0 ? "All peer goals met." : `${missed} peer goal(s) missed.`}`);
