// Redocly plugin: fills an Example Object that names a recording (`x-recording: <path>`) with that
// recording's response body, title and source. The recordings in ../recordings are the single
// source of every example the spec shows; nothing is copied by hand.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

// A viewer shows an example's body only; the headers (the error-reason header, above all) and an
// empty body would otherwise be invisible, so the description states them.
function describe({ source, response }) {
  const headers = Object.entries(response.headers).map(([name, value]) => `\`${name}: ${value}\``);
  const body = response.body === "" ? " The body is empty." : "";
  return `Source: ${source}\n\nRecorded response: status ${response.status}, headers ${headers.join(", ")}.${body}`;
}

function injectRecordings() {
  return {
    Example: {
      leave(example, ctx) {
        const ref = example["x-recording"];
        if (typeof ref !== "string") return;
        const file = resolve(dirname(ctx.location.source.absoluteRef), ref);
        const recording = JSON.parse(readFileSync(file, "utf8"));
        delete example["x-recording"];
        example.summary ??= recording.title;
        example.description ??= describe(recording);
        example.value = recording.response.body;
      },
    },
  };
}

export default function recordingsPlugin() {
  return {
    id: "recordings",
    decorators: { oas3: { "inject-examples": injectRecordings } },
  };
}
