// The signing middleware on a plain openapi-fetch client, as a team with its own client uses it.
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResponseSizeLimit, createSigningMiddleware, type paths } from "../src/index.js";
import {
  API_ID,
  PRIMARY_KEY,
  REQUEST_ID,
  sendJson,
  signatureIsValid,
  startServer,
  VENDOR_SESSION,
} from "./helpers.js";

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer((_req, res) => sendJson(res, 200, VENDOR_SESSION));
});
afterAll(() => server.close());

describe("createSigningMiddleware", () => {
  it("signs any openapi-fetch client's requests", async () => {
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(
      createSigningMiddleware({
        apiId: API_ID,
        primaryKey: PRIMARY_KEY,
        now: () => new Date("2017-08-21T10:00:00Z"),
      }),
    );
    const { data, response } = await client.GET("/api/SignereId/{RequestId}", {
      params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(VENDOR_SESSION);
    const request = server.received.at(-1);
    expect(request?.headers["api-timestamp"]).toBe("2017-08-21T10:00:00");
    expect(request?.headers["api-usingsecondarytoken"]).toBeUndefined();
    expect(request && signatureIsValid(request, PRIMARY_KEY)).toBe(true);
  });

  it("validates its credentials when created", () => {
    expect(() => createSigningMiddleware({ apiId: "nope", primaryKey: PRIMARY_KEY })).toThrow(
      /apiId/,
    );
  });

  it.each(["POST", "PUT"])("signs a %s over its exact body bytes", async (method) => {
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(createSigningMiddleware({ apiId: API_ID, primaryKey: PRIMARY_KEY }));
    const body = { RequestId: REQUEST_ID, Note: "blåbær" };
    await client.request(
      method.toLowerCase() as never,
      "/api/SignereId" as never,
      {
        body,
      } as never,
    );
    const request = server.received.at(-1);
    expect(request?.method).toBe(method);
    expect(request?.body).toBe(JSON.stringify(body));
    expect(request && signatureIsValid(request, PRIMARY_KEY)).toBe(true);
  });
});

describe("createResponseSizeLimit", () => {
  it("lets a small body through unchanged", async () => {
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(createResponseSizeLimit(10_000));
    const { data } = await client.GET("/api/SignereId/{RequestId}", {
      params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } },
    });
    expect(data).toEqual(VENDOR_SESSION);
  });

  it("stops a body over the cap", async () => {
    const client = createClient<paths>({ baseUrl: server.url });
    client.use(createResponseSizeLimit(10));
    await expect(
      client.GET("/api/SignereId/{RequestId}", {
        params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } },
      }),
    ).rejects.toMatchObject({ problem: "too-large" });
  });
});
