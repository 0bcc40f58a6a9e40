#!/usr/bin/env node
// The published bin: the compiled CLI (pnpm build). In this repository, run `tsx src/cli.ts`.
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
