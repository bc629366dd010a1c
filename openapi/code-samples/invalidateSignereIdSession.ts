import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: process.env.SIGNEREID_API_ID ?? "",
  secondaryKey: process.env.SIGNEREID_SECONDARY_KEY ?? "",
  environment: "test", // or "production"
});

// Signed over the body {"RequestId":"…"}; any successful status counts, whatever its body.
await client.invalidateSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2");
