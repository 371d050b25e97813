import {
  GA4_TO_TIKTOK, TIKTOK_CURRENT_EVENTS, TIKTOK_LEGACY_EVENTS, isPageviewEvent, isTikTokStandardEvent, resolveEventName,
  standardSpelling, toNameSet,
} from '../../src/core/event-names';

describe('resolveEventName: built-in GA4 map (current names)', () => {
  test.each([
    ['page_view', 'Pageview'],
    ['view_item', 'ViewContent'],
    ['search', 'Search'],
    ['view_search_results', 'Search'],
    ['add_to_wishlist', 'AddToWishlist'],
    ['add_to_cart', 'AddToCart'],
    ['begin_checkout', 'InitiateCheckout'],
    ['add_payment_info', 'AddPaymentInfo'],
    ['purchase', 'Purchase'],
    ['generate_lead', 'Lead'],
    ['sign_up', 'CompleteRegistration'],
    ['file_download', 'Download'],
    ['contact', 'Contact'],
    ['subscribe', 'Subscribe'],
    ['start_trial', 'StartTrial'],
    ['schedule', 'Schedule'],
    ['submit_application', 'SubmitApplication'],
    ['application_approval', 'ApplicationApproval'],
    ['customize_product', 'CustomizeProduct'],
    ['find_location', 'FindLocation'],
  ])('%s -> %s', (ga4, tiktok) => {
    const d = resolveEventName(ga4, {});
    expect(d).toMatchObject({ name: tiktok, skip: false, source: 'standard_map' });
  });

  test('find_location is not Search and submit_application is not Subscribe (known mis-maps)', () => {
    expect(resolveEventName('find_location', {}).name).not.toBe('Search');
    expect(resolveEventName('submit_application', {}).name).not.toBe('Subscribe');
  });

  test('every mapped target is a current standard event or Pageview', () => {
    for (const target of Object.values(GA4_TO_TIKTOK)) {
      expect(target === 'Pageview' || TIKTOK_CURRENT_EVENTS.includes(target)).toBe(true);
    }
  });
});

describe('resolveEventName: legacy name set', () => {
  test.each([
    ['purchase', 'CompletePayment'],
    ['generate_lead', 'SubmitForm'],
    ['view_item', 'ViewContent'],
    ['page_view', 'Pageview'],
  ])('%s -> %s', (ga4, tiktok) => {
    expect(resolveEventName(ga4, { nameSet: 'legacy' }).name).toBe(tiktok);
  });

  test('TikTok names passed in are translated into the chosen set (dedup needs identical names)', () => {
    expect(resolveEventName('CompletePayment', { nameSet: 'current' }).name).toBe('Purchase');
    expect(resolveEventName('Purchase', { nameSet: 'legacy' }).name).toBe('CompletePayment');
    expect(resolveEventName('SubmitForm', {}).name).toBe('Lead');
    expect(resolveEventName('ClickButton', {}).name).toBe('ClickButton');
    expect(resolveEventName('Pageview', {}).source).toBe('tiktok_name');
  });

  test('toNameSet leaves unrenamed events alone', () => {
    expect(toNameSet('AddToCart', 'legacy')).toBe('AddToCart');
    expect(toNameSet('AddToCart', 'current')).toBe('AddToCart');
  });
});

describe('resolveEventName: overrides, fixed event, unmapped policy', () => {
  test('user override wins over the built-in map and is sent as typed', () => {
    const d = resolveEventName('purchase', { overrides: [{ from: 'purchase', to: 'PlaceAnOrder' }] });
    expect(d).toMatchObject({ name: 'PlaceAnOrder', source: 'override' });
  });

  test('override rows with an empty side are ignored', () => {
    const d = resolveEventName('purchase', { overrides: [{ from: 'purchase', to: '  ' }, { from: '', to: 'X' }] });
    expect(d.name).toBe('Purchase');
  });

  test('override maps an unmapped event', () => {
    expect(resolveEventName('view_cart', { overrides: [{ from: 'view_cart', to: 'ViewContent' }] }).name).toBe('ViewContent');
  });

  test('fixed event wins over everything, even a missing name', () => {
    expect(resolveEventName(undefined, { fixedEvent: ' Lead ' })).toMatchObject({ name: 'Lead', source: 'fixed', skip: false });
    expect(resolveEventName('purchase', { fixedEvent: 'Subscribe', overrides: [{ from: 'purchase', to: 'X' }] }).name).toBe('Subscribe');
  });

  test('unmapped events are skipped by default with a reason', () => {
    const d = resolveEventName('add_shipping_info', {});
    expect(d.skip).toBe(true);
    expect(d.name).toBeUndefined();
    expect(d.reason).toContain('add_shipping_info');
  });

  test('unmapped events become custom events when asked', () => {
    expect(resolveEventName('view_cart', { unmappedPolicy: 'custom' })).toMatchObject({ name: 'view_cart', source: 'custom', skip: false });
  });

  test.each([[undefined], [null], [''], ['   '], [42], [{}], [['purchase']]])('garbage name %p -> skip', (name) => {
    expect(resolveEventName(name, { unmappedPolicy: 'custom' }).skip).toBe(true);
  });

  test('isPageviewEvent', () => {
    expect(isPageviewEvent('Pageview')).toBe(true);
    expect(isPageviewEvent('PageView')).toBe(false);
    expect(isPageviewEvent(undefined)).toBe(false);
  });
});

describe('resolveEventName: TikTok event names are case-sensitive', () => {
  const flipCase = (name: string) => name.split('').map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

  test('standardSpelling finds every standard name of both sets in any case, and nothing else', () => {
    for (const name of ['Pageview', ...TIKTOK_CURRENT_EVENTS, ...TIKTOK_LEGACY_EVENTS]) {
      expect(standardSpelling(name.toLowerCase())).toBe(name);
      expect(standardSpelling(name.toUpperCase())).toBe(name);
      expect(standardSpelling(flipCase(name))).toBe(name);
    }
    expect(standardSpelling('PageView')).toBe('Pageview');
    expect(standardSpelling('add_to_cart')).toBeUndefined();
    expect(standardSpelling('Purchases')).toBeUndefined();
    expect(standardSpelling('')).toBeUndefined();
  });

  test.each([
    ['purchase', 'current', 'Purchase'],
    ['purchase', 'legacy', 'Purchase'],
    ['PAGEVIEW', 'current', 'Pageview'],
    ['addtocart', 'current', 'AddToCart'],
    ['completepayment', 'current', 'CompletePayment'],
    ['submitform', 'legacy', 'SubmitForm'],
    ['clickbutton', 'current', 'ClickButton'],
  ] as const)('fixed event %p (%s names) is sent as %p: case only, no set translation', (typed, nameSet, sent) => {
    const d = resolveEventName('page_view', { fixedEvent: typed, nameSet });
    expect(d).toMatchObject({ name: sent, source: 'fixed', skip: false });
    expect(d.reason).toContain('case-sensitive');
  });

  test('a fixed event already spelled right, or a custom name, is sent as typed without a note', () => {
    expect(resolveEventName('x', { fixedEvent: 'Purchase' })).toMatchObject({ name: 'Purchase', reason: 'fixed event "Purchase"' });
    expect(resolveEventName('x', { fixedEvent: 'myPurchase' }).name).toBe('myPurchase');
  });

  test('override targets get the standard spelling (case only)', () => {
    expect(resolveEventName('checkout_done', { overrides: [{ from: 'checkout_done', to: 'purchase' }] })).toMatchObject({ name: 'Purchase', source: 'override' });
    expect(resolveEventName('form_sent', { overrides: [{ from: 'form_sent', to: ' SUBMITFORM ' }] }).name).toBe('SubmitForm');
    expect(resolveEventName('x', { overrides: [{ from: 'x', to: 'Newsletter' }] }).name).toBe('Newsletter');
  });

  test('the override match on the incoming side stays exact', () => {
    expect(resolveEventName('Checkout_Done', { overrides: [{ from: 'checkout_done', to: 'Purchase' }] }).skip).toBe(true);
  });

  test.each([
    ['addtocart', 'current', 'AddToCart'],
    ['PURCHASE', 'current', 'Purchase'],
    ['PURCHASE', 'legacy', 'CompletePayment'],
    ['completepayment', 'current', 'Purchase'],
    ['completepayment', 'legacy', 'CompletePayment'],
    ['SUBMITFORM', 'current', 'Lead'],
    ['pageView', 'current', 'Pageview'],
    ['placeanorder', 'current', 'PlaceAnOrder'],
  ] as const)('incoming %p with the custom policy (%s names) is sent as the standard event %p', (incoming, nameSet, sent) => {
    const d = resolveEventName(incoming, { unmappedPolicy: 'custom', nameSet });
    expect(d).toMatchObject({ name: sent, source: 'tiktok_name', skip: false });
    // the same event as the exactly spelled TikTok name: browser and server dedup on identical names
    expect(d.name).toBe(resolveEventName(standardSpelling(incoming), { nameSet }).name);
  });

  test('with the skip policy a case variant is still skipped (which events are sent does not change)', () => {
    expect(resolveEventName('addtocart', {}).skip).toBe(true);
    expect(resolveEventName('PURCHASE', { unmappedPolicy: 'skip' }).skip).toBe(true);
  });

  test('GA4 names keep their mapping; other custom names are sent unchanged', () => {
    expect(resolveEventName('purchase', { unmappedPolicy: 'custom' })).toMatchObject({ name: 'Purchase', source: 'standard_map' });
    expect(resolveEventName('view_cart', { unmappedPolicy: 'custom' })).toMatchObject({ name: 'view_cart', source: 'custom' });
  });

  test('whatever the configuration, a sent name is never a case variant of a standard name', () => {
    const names = ['purchase', 'PURCHASE', 'addtocart', 'completepayment', 'pageview', 'Purchase', 'lead', 'view_cart', 'add_to_cart', 'Search'];
    for (const nameSet of ['current', 'legacy'] as const) {
      for (const a of names) {
        for (const b of names) {
          for (const config of [{ fixedEvent: a }, { overrides: [{ from: b, to: a }] }, { unmappedPolicy: 'custom' as const }]) {
            const sent = resolveEventName(b, { nameSet, ...config }).name;
            if (sent !== undefined && standardSpelling(sent) !== undefined) expect(isTikTokStandardEvent(sent)).toBe(true);
          }
        }
      }
    }
  });
});
