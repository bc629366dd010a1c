import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: process.env.SIGNEREID_API_ID ?? "",
  secondaryKey: process.env.SIGNEREID_SECONDARY_KEY ?? "",
  environment: "test", // or "production"
});

// Signed, retried on 408/429/502/503/504, network errors and timeouts, and typed from this description.
const session = await client.getSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2", {
  metadata: true,
  format: "json", // or "xml": the same object
});
console.log(session.Status, session.IdentityProvider);
// Never log the whole session: it holds personal data.
