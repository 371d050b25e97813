// Entry point for the functions-framework CLI:
//   npx functions-framework --target=taggingServer --source=<compiled function.js>
// (or `node -r ts-node/register node_modules/.bin/functions-framework --target=taggingServer
//  --source=src/server/function.ts`). Config and live mode come from CONTAINER_CONFIG / TIKTOK_LIVE.
// Here functions-framework reads and parses request bodies itself before the router sees them;
// `npm start` (main.ts) serves without it and refuses large bodies before reading them.

import { createLocalServer } from './app';

// Express (inside functions-framework) answers its own errors, e.g. a malformed JSON body, with the
// stack trace unless it runs in production mode; a client never gets file paths.
process.env.NODE_ENV ??= 'production';

export const taggingServer = createLocalServer({ functionName: 'taggingServer' });
