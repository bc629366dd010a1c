// The same team's program as CommonJS (`require` under the hood), checked under node16 too.
import { createSignereIdClient, SignereIdApiError, type SignereIdSession } from "@signereid/client";

const spec: {
  openapi: string;
  paths: Record<string, unknown>;
} = require("@signereid/openapi/openapi.json");

async function main(): Promise<void> {
  const [baseUrl = "", requestId = ""] = process.argv.slice(2);
  const credentials = {
    apiId: "de0de0de-0000-4000-8000-000000000001",
    baseUrl,
    onDeprecation: false as const,
  };
  const client = createSignereIdClient({ ...credentials, secondaryKey: "demo-secondary-key" });
  const session: SignereIdSession = await client.getSignereIdSession(requestId, { metadata: true });
  let rejectedWith: number | undefined;
  try {
    await createSignereIdClient({
      ...credentials,
      secondaryKey: "not-the-key",
    }).getSignereIdSession(requestId);
  } catch (error) {
    if (error instanceof SignereIdApiError) rejectedWith = error.status;
  }
  console.log(
    JSON.stringify({
      module: "cjs",
      name: session.Name,
      status: session.Status,
      rejectedWith,
      openapi: spec.openapi,
      paths: Object.keys(spec.paths).length,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
