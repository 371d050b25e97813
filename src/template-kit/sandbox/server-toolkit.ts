// The server templates' CoreToolkit: the shared one (toolkit.ts) plus synchronous SHA-256, which
// only the server sandbox has (sha256Sync).
import sha256Sync from 'sha256Sync';

import { CoreToolkit } from '../../core/toolkit';
import { tk as shared } from './toolkit';

export const tk: CoreToolkit = {
  getType: shared.getType,
  makeNumber: shared.makeNumber,
  makeString: shared.makeString,
  decodeUriComponent: shared.decodeUriComponent,
  round: shared.round,
  floor: shared.floor,
  jsonParse: shared.jsonParse,
  jsonStringify: shared.jsonStringify,
  keys: shared.keys,
  sha256Hex: (text: string) => sha256Sync(text, { outputEncoding: 'hex' }),
};
