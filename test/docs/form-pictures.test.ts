// The pictures of the templates' forms (docs/reference/forms/<id>.png, drawn by
// `npm run render-forms`): every built template has one, the reference page shows it, and it still
// shows the current form. Pixels differ between Chromium versions and fonts, so the check compares
// the SHA-256 of the form HTML the picture was drawn from (a PNG text chunk) with the HTML the
// current .tpl gives. The drawing itself runs in Chromium when one is installed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formHash, formHtml } from '../../build/form-html';
import { decodePng, readPngTexts, withPngText } from '../../build/gallery-png';
import { FORM_HASH_KEYWORD, chromiumPath, currentForm, pictureFile, pictureHash, renderForms, templateIds } from '../../build/render-forms';

const ROOT = path.resolve(__dirname, '../..');
const ids = templateIds();

describe('form pictures', () => {
  test('there are templates to check', () => {
    expect(ids.length).toBeGreaterThanOrEqual(9);
  });

  test.each(ids)('%s: the picture shows the current form (else run npm run render-forms)', (id) => {
    expect({ id, drawnFrom: pictureHash(pictureFile(id)) }).toEqual({ id, drawnFrom: currentForm(id).hash });
  });

  test.each(ids)('%s: the reference page shows the picture, labelled as a rendering', (id) => {
    const page = fs.readFileSync(path.join(ROOT, 'docs/reference', id + '.md'), 'utf8');
    expect(page).toContain(`](forms/${id}.png)`);
    expect(page).toMatch(/_A rendering, not a screenshot/);
  });

  test('the form HTML says it is a rendering, and changes with the form', () => {
    const tpl = fs.readFileSync(path.join(ROOT, 'templates/tiktok-events-api.tpl'), 'utf8');
    const html = formHtml(tpl, 'tiktok-events-api');
    expect(html).toContain('Not a screenshot of Google Tag Manager');
    expect(formHtml(tpl, 'tiktok-events-api')).toBe(html);
    const relabelled = tpl.replace('"displayName": "Test event code (optional)"', '"displayName": "Test code"');
    expect(relabelled).not.toBe(tpl);
    expect(formHash(formHtml(relabelled, 'tiktok-events-api'))).not.toBe(formHash(html));
  });

  test('a picture drawn from another form is found stale', () => {
    const picture = fs.readFileSync(pictureFile('tiktok-pixel'));
    const stale = withPngText(picture, FORM_HASH_KEYWORD, formHash('<p>an older form</p>'));
    expect(readPngTexts(stale)[FORM_HASH_KEYWORD]).not.toBe(currentForm('tiktok-pixel').hash);
    // The image itself is untouched by the text chunk.
    expect(decodePng(stale).width).toBe(decodePng(picture).width);
    expect(readPngTexts(withPngText(stale, FORM_HASH_KEYWORD, 'x'))[FORM_HASH_KEYWORD]).toBe('x');
  });
});

const executable = chromiumPath();
const browserRequired = process.env.REQUIRE_BROWSER === '1';

describe('drawing a form in Chromium', () => {
  if (!executable) {
    if (browserRequired) test('Chromium is installed (REQUIRE_BROWSER=1)', () => { throw new Error('no Chromium: install it or set CHROMIUM_PATH'); });
    else test.skip('skipped: no Chromium (install it, or set CHROMIUM_PATH, to draw a form here)', () => undefined);
    return;
  }

  test('a drawn picture carries the hash of the form it shows', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
    try {
      const [file] = await renderForms(['tiktok-event-id'], executable, out);
      const bytes = fs.readFileSync(file);
      expect(readPngTexts(bytes)[FORM_HASH_KEYWORD]).toBe(currentForm('tiktok-event-id').hash);
      const image = decodePng(bytes);
      expect(image.width).toBe(680);
      expect(image.height).toBeGreaterThan(100);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
