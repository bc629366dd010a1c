// A consuming team's program as an ES module: the packages come from the registry by name, and
// `tsc` checks it under node16 resolution before it runs against the installed sandbox.
import { createRequire } from "node:module";
import { createSignereIdClient, SignereIdApiError, type SignereIdSession } from "@signereid/client";
import { type LoadedRecording, loadRecordings } from "@signereid/openapi";
import { DEMO_ACCOUNT } from "@signereid/sandbox";

const require = createRequire(import.meta.url);
const spec: {
  openapi: string;
  paths: Record<string, unknown>;
} = require("@signereid/openapi/openapi.json");
const vectors: { vectors: unknown[] } = require("@signereid/openapi/signing-vectors.json");

const [baseUrl = "", requestId = ""] = process.argv.slice(2);
// The sandbox's library entry, from the registry too: its demo account signs these calls.
const credentials = { apiId: DEMO_ACCOUNT.apiId, baseUrl, onDeprecation: false as const };
const client = createSignereIdClient({ ...credentials, secondaryKey: DEMO_ACCOUNT.secondaryKey });

const session: SignereIdSession = await client.getSignereIdSession(requestId, { metadata: true });
// The signed POST (body recipe): the sandbox verifies the signature and starts a fresh session.
const created = await client.createSignereIdSession({
  CancelUrl: "https://rp.example/cancel?id=[1]",
  ErrorUrl: "https://rp.example/error?status=[0]&id=[1]",
  SuccessUrl: "https://rp.example/success?id=[1]&ref=[2]",
  ExternalReference: "order-123",
  IdentityProvider: "NO_BANKID_WEB",
});
// The types are real, not `any`: a call without its RequestId does not compile.
// @ts-expect-error getSignereIdSession needs a RequestId
const typed = () => client.getSignereIdSession();
void typed;

let rejectedWith: number | undefined;
try {
  await createSignereIdClient({ ...credentials, secondaryKey: "not-the-key" }).getSignereIdSession(
    requestId,
  );
} catch (error) {
  if (error instanceof SignereIdApiError) rejectedWith = error.status;
}

const recordings: LoadedRecording[] = loadRecordings();
console.log(
  JSON.stringify({
    module: "esm",
    name: session.Name,
    status: session.Status,
    rejectedWith,
    created: created.RequestId,
    createdUrl: created.Url,
    openapi: spec.openapi,
    paths: Object.keys(spec.paths).length,
    recordings: recordings.length,
    vectors: vectors.vectors.length,
  }),
);
