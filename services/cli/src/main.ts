#!/usr/bin/env -S node --import tsx
// `pnpm liaison …`: the operator's command line. Usage errors exit 2, failures 1.
import { run } from './program.ts';

process.exitCode = await run(process.argv.slice(2));
