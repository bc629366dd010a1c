#!/usr/bin/env node
// The bin is this small file, not dist/cli.js, so that installing the workspace before the first
// build links an existing file. The CLI itself is built from src/cli.ts.
import "../dist/cli.js";
