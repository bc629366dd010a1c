// Calls the SignereID sandbox with @signereid/client: one of its recorded sessions. Start the
// sandbox first (`pnpm start`, or `npx signereid-sandbox`).
import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: "de0de0de-0000-4000-8000-000000000001", // the sandbox's demo account
  secondaryKey: "demo-secondary-key",
  baseUrl: process.env.SIGNEREID_BASE_URL ?? "http://127.0.0.1:4010",
});
const session = await client.getSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2", {
  metadata: true,
});
console.log(session.Status, session.IdentityProvider, session.MetaData?.length);
