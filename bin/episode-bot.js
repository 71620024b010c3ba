#!/usr/bin/env node
// The package's command: `npx episode-bot "/episode istio" --json` answers one
// command and exits; with no command it starts the bot, like `npm start`.
// It runs the compiled bot, rebuilt first when a source is newer (scripts/start.mjs).
await import('../scripts/start.mjs');
