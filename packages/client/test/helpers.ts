import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach } from "vitest";

export const API_ID = "6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71";
export const SECONDARY_KEY = "c2Vjb25kYXJ5LWtleS1mb3ItdGVzdHM=";
export const PRIMARY_KEY = "cHJpbWFyeS1rZXktZm9yLXRlc3Rz";
export const REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
export const SSN = "23071212345";

export const VENDOR_SESSION = {
  Name: "Stein Olav Hagen Davidsen",
  FirstName: "Stein",
  MiddleName: "Olav Hagen",
  LastName: "Davidsen",
  DateOfBirth: "071283",
  Status: "LOGIN",
  MetaData: [
    { Key: "user.certificate.json", Value: "" },
    { Key: "user.certificate.json", Value: "" },
  ],
  SocialSecurityNumber: SSN,
  IdentityProviderUniqueId: "9578-6000-4-48855",
  UserAgent: "WIN",
  IPAddress: "",
  IdentityProvider: "NO_BANKID_WEB",
  ErrorCode: "C307",
  ErrorMessage: "PKI modul i SIM kort er blokkert.",
};

export interface Received {
  method: string;
  /** The absolute URL as the client sent it (scheme + Host header + request target). */
  url: string;
  headers: IncomingMessage["headers"];
  /** The request body as received (empty for GET). */
  body: string;
}

export type Handler = (request: Received, response: ServerResponse) => unknown;

/** `serve(handler)` for one test file: each server it starts is closed after the test. */
export function loopbackServers() {
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async function serve(handler: Handler) {
    const server = await startServer(handler);
    open.push(server);
    return server;
  };
}

/** A real HTTP server on 127.0.0.1 that records what it receives. */
export async function startServer(handler: Handler) {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? "",
      url: `http://${req.headers.host}${req.url}`,
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    received.push(request);
    try {
      await handler(request, res);
    } catch (error) {
      res.statusCode = 599;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The token for a request, computed independently of the client's code: node:crypto, not Web
 * Crypto, and the signed text rebuilt from the facts file's two recipes.
 */
export function expectedToken(
  request: { method: string; url: string; body?: string },
  timestamp: string,
  algorithm: "SHA256" | "SHA512",
  key: string,
): string {
  const signed =
    request.method === "POST" || request.method === "PUT"
      ? `${request.body ?? ""}{Timestamp:"${timestamp}",Httpverb:"${request.method}"}`
      : `${request.url}&Timestamp=${timestamp}&Httpverb=${request.method}`;
  return createHmac(algorithm === "SHA256" ? "sha256" : "sha512", Buffer.from(key, "utf8"))
    .update(signed, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** Whether a received request carries a valid signature for `key`. */
export function signatureIsValid(request: Received, key: string): boolean {
  const algorithm = request.headers["api-algorithm"];
  const timestamp = request.headers["api-timestamp"];
  if ((algorithm !== "SHA256" && algorithm !== "SHA512") || typeof timestamp !== "string")
    return false;
  return request.headers["api-token"] === expectedToken(request, timestamp, algorithm, key);
}

/** Client options for a loopback server; the deprecation warning silenced, retries quick. */
export function options(baseUrl: string, extra: Record<string, unknown> = {}) {
  return {
    apiId: API_ID,
    secondaryKey: SECONDARY_KEY,
    baseUrl,
    onDeprecation: false as const,
    retryDelayMs: 1,
    ...extra,
  };
}

/** The facts file's create body (the POST vector's fields). */
export const CREATE_REQUEST = {
  CancelUrl: "https://rp.example/cancel?id=[1]",
  ErrorUrl: "https://rp.example/error?status=[0]&id=[1]",
  SuccessUrl: "https://rp.example/success?id=[1]&ref=[2]",
  ExternalReference: "order-123",
  IdentityProvider: "NO_BANKID_WEB",
};
export const CREATED = { Url: "https://id.signere.no/Start?sessionid=x", RequestId: REQUEST_ID };

/** A client method, as the per-operation suites see it. */
interface Client {
  getSignereIdSession(id: string): Promise<unknown>;
  createSignereIdSession(request: typeof CREATE_REQUEST): Promise<unknown>;
  getSignereIdSessionCompleted(id: string): Promise<unknown>;
  invalidateSignereIdSession(id: string): Promise<unknown>;
  getServerTime(): Promise<unknown>;
}

/**
 * Every operation, for the suites that run per operation: how to call it, what a server answers
 * on success (`ok`, sent as JSON), what the method then returns, whether it is signed and whether
 * it parses its success body.
 */
export const OPERATIONS = [
  {
    name: "getSignereIdSession",
    method: "GET",
    call: (client: Client) => client.getSignereIdSession(REQUEST_ID),
    ok: VENDOR_SESSION as unknown,
    result: VENDOR_SESSION as unknown,
    signed: true,
    parses: true,
  },
  {
    name: "createSignereIdSession",
    method: "POST",
    call: (client: Client) => client.createSignereIdSession(CREATE_REQUEST),
    ok: CREATED,
    result: CREATED,
    signed: true,
    parses: true,
  },
  {
    name: "getSignereIdSessionCompleted",
    method: "GET",
    call: (client: Client) => client.getSignereIdSessionCompleted(REQUEST_ID),
    ok: { Done: true },
    result: true,
    signed: true,
    parses: true,
  },
  {
    name: "invalidateSignereIdSession",
    method: "PUT",
    call: (client: Client) => client.invalidateSignereIdSession(REQUEST_ID),
    ok: {},
    result: undefined,
    signed: true,
    parses: false,
  },
  {
    name: "getServerTime",
    method: "GET",
    call: (client: Client) => client.getServerTime(),
    ok: "2017-06-13T21:20:13",
    result: { time: new Date("2017-06-13T21:20:13Z"), raw: "2017-06-13T21:20:13" },
    signed: false,
    parses: true,
  },
];
export const SIGNED_OPERATIONS = OPERATIONS.filter((op) => op.signed);

/** Everything an error shows: message, stack, inspect() with causes, JSON. */
export function everythingShown(error: unknown): string {
  return [
    String(error),
    (error as Error).stack,
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
  ].join("\n");
}
