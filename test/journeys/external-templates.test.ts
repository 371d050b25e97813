// The journeys with published third-party templates in place of ours (they are never part of this
// repository). Skipped unless GTM_EXTERNAL_TEMPLATES names a folder holding them, e.g.
//   GTM_EXTERNAL_TEMPLATES=~/gtm-templates npx jest test/journeys/external-templates.test.ts

import { JOURNEYS } from '../../src/journeys/journeys';
import { runJourney } from '../../src/journeys/run';
import { defaultChoice, externalTemplate, guideSetup, pixelProfile, serverProfile } from '../../src/journeys/setups';

const tiktokPixel = externalTemplate('tiktok+gtm-template-pixel.tpl');
const tiktokServer = externalTemplate('tiktok+gtm-template-eapi.tpl');
const stapeServer = externalTemplate('stape-io+tiktok-tag.tpl');
const journey = (prefix: string) => JOURNEYS.find((candidate) => candidate.name.startsWith(prefix))!;
const TIMEOUT_MS = 30000;

const withTikTok = tiktokPixel && tiktokServer ? describe : describe.skip;
withTikTok("TikTok's templates in place of ours (set GTM_EXTERNAL_TEMPLATES to run)", () => {
  const choice = { ...defaultChoice(), pixelTag: tiktokPixel!, serverTag: tiktokServer! };

  test('their profiles are recognised', () => {
    expect(pixelProfile(choice.pixelTag).label).toBe("TikTok's Pixel template");
    expect(serverProfile(choice.serverTag).label).toBe("TikTok's Events API template");
  });

  test('both send the legacy name: a purchase is counted once, as CompletePayment', async () => {
    const result = await runJourney(journey('ad click'), choice);
    expect(result.exactlyOnce).toBe(true);
    expect(result.copies.every((copy) => copy.includes('CompletePayment'))).toBe(true);
  }, TIMEOUT_MS);
});

const withTikTokPixel = tiktokPixel ? describe : describe.skip;
withTikTokPixel("TikTok's Pixel template beside our server tag, the guide's lighter web side (set GTM_EXTERNAL_TEMPLATES to run)", () => {
  const choice = { ...defaultChoice(), pixelTag: tiktokPixel! };

  test('the server tag and the web settings variable take Legacy names, the names that template sends', () => {
    const setup = guideSetup(choice);
    expect(setup.server.tags[0].fields).toMatchObject({ nameSet: 'legacy' });
    expect(setup.web.variables['Countersign TikTok Settings']).toMatchObject({ fields: { nameSet: 'legacy' } });
  });

  test("the guide's recipe: the order is counted once, with its value, as CompletePayment", async () => {
    const result = await runJourney(journey("the guide's recipe"), choice);
    expect(result.problems).toEqual([]);
    expect(result.exactlyOnce && result.valueExact).toBe(true);
    expect(result.copies.filter((copy) => / Pixel +CompletePayment T-1001_CompletePayment .*merged/.test(copy)).length).toBeGreaterThan(0);
  }, TIMEOUT_MS);

  test("what the guide says it costs: single-page-app page views counted twice (the pixel's own history page views carry no event_id)", async () => {
    const result = await runJourney(journey('single-page app'), choice);
    expect(result.exactlyOnce).toBe(false);
    expect(result.copies.filter((copy) => / Pixel +Pageview \(no event_id\)/.test(copy)).length).toBeGreaterThan(0);
  }, TIMEOUT_MS);
});

const withStape = stapeServer ? describe : describe.skip;
withStape("Stape's server tag in place of ours (set GTM_EXTERNAL_TEMPLATES to run)", () => {
  test('with the Pixel blocked, its purchase is the only copy and is counted once', async () => {
    const result = await runJourney(journey('ad blocker'), { ...defaultChoice(), serverTag: stapeServer! });
    expect(result.exactlyOnce).toBe(true);
    expect(result.copies).toEqual([expect.stringContaining('Events API CompletePayment')]);
  }, TIMEOUT_MS);
});
