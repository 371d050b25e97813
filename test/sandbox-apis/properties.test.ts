import fc from 'fast-check';
import { effectiveTldPlusOne, parseUrl, urlMatchesPattern } from '../../src/sandbox/apis';
import { api, makeHost } from './helpers';

const cookieName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);

describe('properties', () => {
  test('web setCookie then getCookieValues gives back any value (encode/decode round trip)', () => {
    fc.assert(
      fc.property(cookieName, fc.string(), (name, value) => {
        const env = { url: 'https://www.example.com/', documentCookie: 'other=1' };
        const host = makeHost('WEB', env, {
          set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] },
          get_cookies: { cookieAccess: 'any' },
        });
        api(host, 'setCookie')(name, value, { domain: 'auto', path: '/' });
        const values = api(host, 'getCookieValues')(name);
        return name === 'other' ? values[values.length - 1] === value : values.length === 1 && values[0] === value;
      }),
    );
  });

  test('server getCookieValues decodes what setCookie encoded', () => {
    fc.assert(
      fc.property(cookieName, fc.string(), (name, value) => {
        const setter = makeHost('SERVER', { request: { headers: {} } }, {
          set_cookies: { allowedCookies: [{ name: '*', domain: '*', path: '*', secure: 'any', session: 'any' }] },
        });
        api(setter, 'setCookie')(name, value);
        const cookiePair = setter.record.cookiesSet[0].header.split(';')[0];
        const reader = makeHost('SERVER', { request: { headers: { cookie: cookiePair } } }, { get_cookies: { cookieAccess: 'any' } });
        return api(reader, 'getCookieValues')(name)[0] === value;
      }),
    );
  });

  test('parseUrl, urlMatchesPattern and effectiveTldPlusOne never throw', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        parseUrl(a);
        urlMatchesPattern(a, b);
        effectiveTldPlusOne(a);
        return true;
      }),
    );
  });

  test('a host pattern *.d matches d and its subdomains only', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/);
    fc.assert(
      fc.property(label, label, label, (sub, name, other) => {
        const pattern = `https://*.${name}.com/*`;
        return (
          urlMatchesPattern(`https://${sub}.${name}.com/x?y=1`, pattern) &&
          urlMatchesPattern(`https://${name}.com/`, pattern) &&
          (other === name || !urlMatchesPattern(`https://${sub}.${other}.com/`, pattern)) &&
          !urlMatchesPattern(`https://${sub}${name}.com.evil.net/`, pattern)
        );
      }),
    );
  });
});
