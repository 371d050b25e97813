import { api, makeHost } from './helpers';

test('smoke: getEventData and sendHttpRequest', async () => {
  const host = makeHost('SERVER', { eventData: { a: { b: [1, { c: 'x' }] } } }, {
    read_event_data: { eventDataAccess: 'any' },
    send_http: { allowedUrls: 'specific', urls: ['https://*.tiktok.com/*'] },
  });
  expect(api(host, 'getEventData')('a.b.1.c')).toBe('x');
  const seen: unknown[] = [];
  api(host, 'sendHttpRequest')('https://business-api.tiktok.com/open_api/v1.3/event/track/', (s: number) => seen.push(s), { method: 'POST' }, '{}');
  await host.settle();
  expect(seen).toEqual([200]);
  expect(() => api(host, 'sendHttpRequest')('https://evil.com/x')).toThrow(/send_http/);
});
