// docs/contracts/tiktok-events-api.md states, per event source (web, app, offline, crm), which fields
// one event may carry ("Fields of one event, by source") and shows an example body for each source.
// The examples must obey the table: every required field present, no field the table rules out for
// that source or leaves "unknown", no key of `user`, `app` or `lead` the table does not list, match
// keys hashed. A wrong example (or a table edited without its example) fails here.
import * as fs from 'node:fs';
import { Example, PAGE, SOURCES, examples, parseRules, problems } from './event-source-rules';

describe('docs/contracts/tiktok-events-api.md: the example bodies obey the fields-by-source table', () => {
  const markdown = fs.readFileSync(PAGE, 'utf8');
  const rules = parseRules(markdown);
  const found = examples(markdown);

  test('the table covers the fields each source is known for', () => {
    for (const field of ['event', 'event_time', 'page', 'app.app_id', 'lead.lead_id', 'user.idfa', 'user.att_status', 'user.ttclid']) {
      expect(rules.has(field)).toBe(true);
    }
    expect(rules.get('page')).toEqual({ web: 'required', app: 'no', offline: 'no', crm: 'no' });
    expect(rules.get('lead.lead_id')?.crm).toBe('required');
  });

  test('there is one example per source', () => {
    expect(found.map((e) => e.source).sort()).toEqual([...SOURCES].sort());
  });

  test.each(SOURCES)('the %s example obeys the table', (source) => {
    const example = found.find((e) => e.source === source);
    expect(example).toBeDefined();
    expect(problems(example as Example, rules)).toEqual([]);
  });

  test('the checker catches a page on an app event, a missing lead and an unhashed email', () => {
    const app = found.find((e) => e.source === 'app') as Example;
    const appWithPage = JSON.parse(JSON.stringify(app.body));
    appWithPage.data[0].page = { url: 'https://shop.example/' };
    expect(problems({ source: 'app', body: appWithPage }, rules)).toEqual(['app data[0]: page is "no" for app']);

    const crm = found.find((e) => e.source === 'crm') as Example;
    const crmWithoutLead = JSON.parse(JSON.stringify(crm.body));
    delete crmWithoutLead.data[0].lead;
    expect(problems({ source: 'crm', body: crmWithoutLead }, rules)).toEqual([
      'crm data[0]: required lead missing',
      'crm data[0]: required lead.lead_id missing',
    ]);

    const web = found.find((e) => e.source === 'web') as Example;
    const webPlain = JSON.parse(JSON.stringify(web.body));
    webPlain.data[0].user.email = ['jane@example.com'];
    webPlain.data[0].user.phone_number = 'x';
    expect(problems({ source: 'web', body: webPlain }, rules)).toEqual([
      'web data[0]: user.phone_number is not in the table',
      'web data[0]: user.email is not lower-case SHA-256 hex',
    ]);
  });
});
