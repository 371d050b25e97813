import {
  GA4_TO_TIKTOK, TIKTOK_CURRENT_EVENTS, isPageviewEvent, resolveEventName, toNameSet,
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
