// The template's own ___TESTS___ scenarios, run through the emulator under jest.
import { registerTemplateTests } from '../../src/sandbox/jest';

registerTemplateTests('templates/tiktok-settings-server.tpl');
