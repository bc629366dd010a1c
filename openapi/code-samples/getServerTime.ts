import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: process.env.SIGNEREID_API_ID ?? "",
  secondaryKey: process.env.SIGNEREID_SECONDARY_KEY ?? "",
  environment: "test", // or "production"
});

// Unsigned. `time` is a Date, `raw` the string the server sent.
const { time, raw } = await client.getServerTime();
console.log(time.toISOString(), raw);
// Or let the client sign with the server's clock from now on (bounded by maxClockSkewMs):
await client.syncClock();
