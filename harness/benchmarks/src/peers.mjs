// The cases `pnpm bench` compares: what a team would otherwise write, and this client. Each is
// `(baseUrl, fetch) => () => Promise<session>`, doing the same work: a signed GET of one session
// with metadata, its JSON body read, an error status thrown. Peers live only in this package.
import { createHmac } from "node:crypto";
import { createClient as createHeyApiClient } from "@hey-api/client-fetch";
import { createSignereIdClient } from "@signereid/client";
import createOpenApiFetch from "openapi-fetch";

export const API_ID = "6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71";
export const KEY = "benchmark-secondary-key";
export const REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const PATH = "/api/SignereId/{RequestId}";

function signingHeaders(method, url) {
  const timestamp = new Date().toISOString().slice(0, 19);
  const token = createHmac("sha512", KEY)
    .update(`${url}&Timestamp=${timestamp}&Httpverb=${method}`)
    .digest("hex")
    .toUpperCase();
  return {
    "API-ID": API_ID,
    "API-TIMESTAMP": timestamp,
    "API-ALGORITHM": "SHA512",
    "API-TOKEN": token,
    "API-USINGSECONDARYTOKEN": "true",
    "API-RETURNERRORHEADER": "true",
  };
}

/** The limit: fetch and node:crypto by hand, no timeout, no retries, no checks. */
export function handWritten(baseUrl, fetchImpl) {
  return async () => {
    const url = `${baseUrl}/api/SignereId/${REQUEST_ID}?metadata=true`;
    const response = await fetchImpl(url, {
      headers: { Accept: "application/json", ...signingHeaders("GET", url) },
    });
    if (!response.ok) throw new Error(`status ${response.status}`);
    return response.json();
  };
}

/** openapi-fetch with the 15-line signing middleware a team would write. */
export function diyOpenApiFetch(baseUrl, fetchImpl, { timeoutMs } = {}) {
  const api = createOpenApiFetch({ baseUrl, fetch: fetchImpl });
  api.use({
    onRequest({ request }) {
      for (const [name, value] of Object.entries(signingHeaders(request.method, request.url)))
        request.headers.set(name, value);
      return request;
    },
  });
  return async () => {
    const { data, error, response } = await api.GET(PATH, {
      params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } },
      headers: { Accept: "application/json" },
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    if (error !== undefined) throw new Error(`status ${response.status}`);
    return data;
  };
}

/** hey-api's fetch client with a signing request interceptor. */
export function heyApi(baseUrl, fetchImpl) {
  const api = createHeyApiClient({ baseUrl, fetch: fetchImpl });
  api.interceptors.request.use((request) => {
    for (const [name, value] of Object.entries(signingHeaders(request.method, request.url)))
      request.headers.set(name, value);
    return request;
  });
  return async () => {
    const { data, error, response } = await api.get({
      url: PATH,
      path: { RequestId: REQUEST_ID },
      query: { metadata: true },
      headers: { Accept: "application/json" },
    });
    if (error !== undefined) throw new Error(`status ${response.status}`);
    return data;
  };
}

export function signereIdClient(baseUrl, fetchImpl, format = "json") {
  const client = createSignereIdClient({
    apiId: API_ID,
    secondaryKey: KEY,
    baseUrl,
    fetch: fetchImpl,
    onDeprecation: false,
  });
  return () => client.getSignereIdSession(REQUEST_ID, { metadata: true, format });
}

/** Name, factory and role: `control` is the denominator, `peer` competes with `client`. */
export const CASES = [
  ["hand-written fetch + node:crypto (control)", handWritten, "control"],
  ["hand-written again (A/A noise check)", handWritten, "aa"],
  ["@signereid/client", signereIdClient, "client"],
  ["DIY openapi-fetch + signing middleware", diyOpenApiFetch, "peer"],
  [
    "DIY + AbortSignal.timeout per attempt",
    (url, fetchImpl) => diyOpenApiFetch(url, fetchImpl, { timeoutMs: 30_000 }),
    "peer",
  ],
  ["hey-api fetch client + signing interceptor", heyApi, "peer"],
];
