#!/usr/bin/env -S node --import tsx
// `pnpm liaison …`: the operator's command line. Usage errors exit 2, failures 1.
import { flushed, run } from './program.ts';

// No process.exit: the process ends when nothing is left to do, after stdout and stderr are flushed
// (a `--json` result piped to a script must not be cut off).
process.exitCode = await run(process.argv.slice(2));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
