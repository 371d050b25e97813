import fc from 'fast-check';
import type { PermissionSpec, PermValue } from '../../src/tpl/definition';
import { decodePermValue, encodePermValue, permissionsFromJson, permissionsToJson } from '../../src/tpl/permissions-json';

describe('permissionsToJson', () => {
  it('writes GTM typed values: 1 string, 8 boolean, 2 list, 3 map', () => {
    const json = permissionsToJson([
      {
        publicId: 'set_cookies',
        params: { allowedCookies: [{ name: 'ttclid', domain: '*', path: '*', secure: 'any', session: 'any' }] },
      },
      { publicId: 'read_request', params: { headersAllowed: true, headerWhitelist: [{ headerName: 'user-agent' }] } },
      { publicId: 'read_container_data' },
    ]);
    expect(json).toEqual([
      {
        instance: {
          key: { publicId: 'set_cookies', versionId: '1' },
          param: [
            {
              key: 'allowedCookies',
              value: {
                type: 2,
                listItem: [
                  {
                    type: 3,
                    mapKey: ['name', 'domain', 'path', 'secure', 'session'].map((k) => ({ type: 1, string: k })),
                    mapValue: ['ttclid', '*', '*', 'any', 'any'].map((v) => ({ type: 1, string: v })),
                  },
                ],
              },
            },
          ],
        },
        clientAnnotations: { isEditedByUser: true },
        isRequired: true,
      },
      {
        instance: {
          key: { publicId: 'read_request', versionId: '1' },
          param: [
            { key: 'headersAllowed', value: { type: 8, boolean: true } },
            {
              key: 'headerWhitelist',
              value: { type: 2, listItem: [{ type: 3, mapKey: [{ type: 1, string: 'headerName' }], mapValue: [{ type: 1, string: 'user-agent' }] }] },
            },
          ],
        },
        clientAnnotations: { isEditedByUser: true },
        isRequired: true,
      },
      { instance: { key: { publicId: 'read_container_data', versionId: '1' }, param: [] }, isRequired: true },
    ]);
    // GTM's key order inside each entry.
    expect(Object.keys(json[0])).toEqual(['instance', 'clientAnnotations', 'isRequired']);
  });

  it('rejects a permission listed twice', () => {
    expect(() => permissionsToJson([{ publicId: 'logging' }, { publicId: 'logging' }])).toThrow(/logging: listed twice/);
  });

  it('rejects values GTM cannot encode', () => {
    expect(() => encodePermValue(3 as unknown as PermValue, 'x.y')).toThrow(/x\.y: unsupported permission value 3/);
  });
});

describe('decode is the inverse of encode', () => {
  const permValue: fc.Arbitrary<PermValue> = fc.letrec<{ value: PermValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.boolean(),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string().filter((k) => k !== '__proto__'), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('for any permission value', () => {
    fc.assert(fc.property(permValue, (value) => expect(decodePermValue(encodePermValue(value))).toEqual(value)));
  });

  it('for whole permission lists', () => {
    const specs: PermissionSpec[] = [
      { publicId: 'send_http', params: { allowedUrls: 'specific', urls: ['https://business-api.tiktok.com/'] } },
      { publicId: 'return_response', params: {} },
    ];
    expect(permissionsFromJson(JSON.parse(JSON.stringify(permissionsToJson(specs))))).toEqual(specs);
  });

  it('reports malformed typed values with their path', () => {
    expect(() => decodePermValue({ type: 3, mapKey: [{ type: 1, string: 'a' }], mapValue: [] }, 'p')).toThrow(/p: type 3 needs/);
    expect(() => decodePermValue({ type: 7 }, 'p')).toThrow(/unknown value type 7/);
  });
});
