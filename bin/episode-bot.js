#!/usr/bin/env node
// The package's command: `npx episode-bot "/episode istio" --json` answers one
// command and exits; with no command it starts the bot, like `npm start`.
// It runs the TypeScript sources through tsx, as the npm scripts do.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
