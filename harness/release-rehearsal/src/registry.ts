// A real npm registry (Verdaccio) on 127.0.0.1, storing into a temporary folder, with no uplink:
// it serves only what is published to it, and never proxies a request off this machine.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export interface Registry {
  /** Base URL, with a trailing slash, as npm wants it. */
  url: string;
  /** The `.npmrc` lines that point npm and pnpm here, with a placeholder token (publish is anonymous). */
  npmrc: string;
  close(): Promise<void>;
}

// Verdaccio 6 is CommonJS and ships no types for its programmatic entry.
const { runServer } = createRequire(import.meta.url)("verdaccio") as {
  runServer(config: object): Promise<import("node:http").Server>;
};

export async function startRegistry(storageDir: string): Promise<Registry> {
  const server = await runServer({
    self_path: join(storageDir, "config.yaml"),
    storage: join(storageDir, "storage"),
    uplinks: {},
    packages: {
      // The packages under release, published by the Changesets flow.
      "@signereid/*": { access: "$all", publish: "$anonymous" },
      // Their dependencies, seeded by the rehearsal from this workspace's node_modules.
      "**": { access: "$all", publish: "$anonymous" },
    },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "error" },
    max_body_size: "200mb",
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    // npm refuses to publish without some credential; Verdaccio lets this placeholder through
    // as an anonymous user.
    npmrc: `registry=${url}\n//127.0.0.1:${port}/:_authToken=anonymous-rehearsal\n`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
