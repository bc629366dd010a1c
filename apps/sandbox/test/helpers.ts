import { recordingsDir } from "@signereid/openapi";

export { DEMO_ACCOUNT } from "../src/accounts.js";
export { type Sandbox, startSandbox } from "../src/server.js";
export { expectedToken } from "../src/signature.js";
export { toDataContractXml } from "../src/xml.js";
export const defaultRecordingsDirForTests = () => recordingsDir;
export { MAX_CLOCK_SKEW_SECONDS } from "../src/server.js";

/**
 * Writes `bytes` to 127.0.0.1:`port` as they are (fetch would normalise the target) and reads the
 * answer until the server closes: the status and the headers, lowercased.
 */
export async function rawHttp(
  port: number,
  bytes: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { connect } = await import("node:net");
  const text = await new Promise<string>((resolve, reject) => {
    let received = "";
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes, "latin1"));
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
  const [head = "", body = ""] = text.split("\r\n\r\n", 2);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}
