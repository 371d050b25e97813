// The Node CoreToolkit for jest; the implementation lives in src/core-node/toolkit.ts (shared with
// build/guide-tables.ts). `tk` is the default instance most tests use.
import { nodeToolkit } from '../../src/core-node/toolkit';

export { nodeToolkit, sha256HexNode } from '../../src/core-node/toolkit';

export const tk = nodeToolkit();
