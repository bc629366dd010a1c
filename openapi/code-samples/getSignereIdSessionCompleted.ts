import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: process.env.SIGNEREID_API_ID ?? "",
  secondaryKey: process.env.SIGNEREID_SECONDARY_KEY ?? "",
  environment: "test", // or "production"
});

// true or false, whichever of the two plausible bodies (`true`, `{"Done": true}`) the server sends.
const done = await client.getSignereIdSessionCompleted(
  "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2",
);
console.log(done);
