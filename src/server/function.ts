// Entry point for the functions-framework CLI:
//   npx functions-framework --target=taggingServer --source=<compiled function.js>
// (or `node -r ts-node/register node_modules/.bin/functions-framework --target=taggingServer
//  --source=src/server/function.ts`). Config and live mode come from CONTAINER_CONFIG / TIKTOK_LIVE.

import { createLocalServer } from './app';

export const taggingServer = createLocalServer({ functionName: 'taggingServer' });
