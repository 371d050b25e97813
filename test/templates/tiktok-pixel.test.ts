// The TikTok Pixel tag's and the TikTok Event ID variable's own GTM tests (___TESTS___), run by the
// emulator: every scenario becomes a jest test.
import * as path from 'path';
import { registerTemplateTests } from '../../src/sandbox/jest';

const root = path.resolve(__dirname, '../..');

registerTemplateTests(path.join(root, 'templates/tiktok-pixel.tpl'));
registerTemplateTests(path.join(root, 'templates/tiktok-event-id.tpl'));
