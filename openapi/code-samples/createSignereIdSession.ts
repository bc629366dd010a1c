import { createSignereIdClient } from "@signereid/client";

const client = createSignereIdClient({
  apiId: process.env.SIGNEREID_API_ID ?? "",
  primaryKey: process.env.SIGNEREID_PRIMARY_KEY ?? "",
  environment: "test", // or "production"
});

await client.syncClock(); // sign with the server's time, as the vendor's examples did
// The body is serialised once, and those exact bytes are signed and sent. Never retried once it
// may have reached the server: a create is not safe to repeat.
const { Url, RequestId } = await client.createSignereIdSession({
  SuccessUrl: "https://rp.example/success?id=[1]&ref=[2]",
  CancelUrl: "https://rp.example/cancel?id=[1]",
  ErrorUrl: "https://rp.example/error?status=[0]&id=[1]",
  ExternalReference: "order-123",
  IdentityProvider: "NO_BANKID_WEB",
});
console.log(RequestId, Url); // redirect the person's browser to Url
