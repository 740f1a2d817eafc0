#!/usr/bin/env node
// Node.js 24 strips TypeScript types itself, so the bin only hands over to the sources.
const { createProcessIo, run } = await import('../src/index.ts');

process.exitCode = await run(process.argv.slice(2), createProcessIo());
