// Every rule the linter can report, with its severity, what it means and, for rules that can report
// an error, the evidence that GTM refuses the template or that it fails at run time. An error is a
// claim about GTM's behaviour: a rule without public evidence (a Google page, a GitHub issue
// showing GTM's message, a published template) reports warnings only, whatever the code reporting
// it asks for (effectiveSeverity). A few rules report either severity depending on the case
// ('error|warning'); their evidence says which cases are errors.
import { LintSeverity } from './types';

export interface RuleInfo {
  severity: LintSeverity | 'error|warning';
  description: string;
  /** Why an error of this rule means GTM refuses the template or the code fails at run time (URLs). */
  evidence?: string;
}

const DOCS = 'https://developers.google.com/tag-platform/tag-manager';

export const RULES: Readonly<Record<string, RuleInfo>> = {
  'format/not-a-template': {
    severity: 'error',
    description: 'the file has no ___SECTION___ headers',
    evidence:
      "GTM's importer reads a template by its sections and refuses what it cannot parse: its answer names the section " +
      '("Unable to parse template: ... in section: ___TESTS___", https://github.com/facebookincubator/ConversionsAPI-Tag-for-GoogleTagManager/issues/51); ' +
      'a file that is not a template gives "Import failed because of wrong template format" (https://github.com/duracelltomi/gtm4wp/issues/344).',
  },
  'format/unreadable': {
    severity: 'error',
    description: 'the file cannot be read',
    evidence: 'Not a claim about GTM: the linter could not read the file, so nothing was checked.',
  },
  'format/unknown-section': { severity: 'warning', description: 'a section name GTM does not know (no public evidence that GTM refuses it)' },
  'format/duplicate-section': { severity: 'warning', description: 'a section appears twice (no public evidence that GTM refuses it)' },
  'format/section-order': { severity: 'warning', description: 'sections are not in export order (GTM still imports them)' },
  'format/missing-section': {
    severity: 'error|warning',
    description: 'INFO missing (error); TEMPLATE_PARAMETERS, code, permissions or terms of service missing (warning)',
    evidence:
      'Error only for a missing ___INFO___: GTM reads the template type from it on import and refuses a template of the wrong type ' +
      '("Import failed due to wrong template type", https://github.com/stape-io/data-client/issues/1).',
  },
  'format/context-section': { severity: 'warning', description: 'a code/permissions section of the other container context' },
  'format/invalid-json': {
    severity: 'error',
    description: 'a JSON section does not parse',
    evidence:
      'GTM refuses the import with "JSON parsing error: mismatched input ..." (https://github.com/gtm-templates-simo-ahava/gtm-loader/issues/6).',
  },
  'format/invalid-yaml': {
    severity: 'error',
    description: '___TESTS___ does not parse as YAML',
    evidence:
      'GTM refuses the import with "Unable to parse template: Invalid YAML format for content in section: ___TESTS___" ' +
      '(https://github.com/facebookincubator/ConversionsAPI-Tag-for-GoogleTagManager/issues/51).',
  },
  'format/info': { severity: 'warning', description: '___INFO___ shape: required keys, containerContexts, displayName, version, brand' },
  'format/info-unknown-field': { severity: 'warning', description: 'an ___INFO___ or brand key not seen in GTM exports' },
  'format/info-template-type': {
    severity: 'error',
    description: 'type is not TAG/MACRO (and CLIENT on the server)',
    evidence:
      'GTM checks the template type on import and refuses a mismatch ("Import failed due to wrong template type", ' +
      'https://github.com/stape-io/data-client/issues/1; https://github.com/stape-io/data-client/issues/22).',
  },
  'format/info-category': { severity: 'warning', description: 'a gallery category not seen in published templates' },
  'format/parameter-schema': { severity: 'warning', description: 'a field is malformed (not an object, no name, bad groupStyle, bad subParams...)' },
  'format/parameter-type': { severity: 'warning', description: 'unknown field type or table column type' },
  'format/parameter-property': { severity: 'warning', description: 'a property the field type does not use (GTM ignores it)' },
  'format/parameter-duplicate': { severity: 'warning', description: 'two fields (flattened) or two table columns share a name' },
  'format/parameter-enabling-condition': { severity: 'warning', description: 'unknown condition type, or a condition on a field that does not exist' },
  'format/parameter-validator': { severity: 'warning', description: 'unknown valueValidator type or bad args' },
  'format/parameter-items': { severity: 'warning', description: 'selectItems/radioItems malformed' },
  'format/permission-schema': { severity: 'warning', description: 'a permission entry or typed value is malformed' },
  'format/tests-schema': { severity: 'warning', description: '___TESTS___ keys other than scenarios/setup and name/code' },
  'format/test-name': { severity: 'warning', description: "a scenario name contains '.' or repeats (no public evidence that GTM refuses it)" },
  'language/parse-error': {
    severity: 'error',
    description: 'the code does not parse',
    evidence:
      'GTM\'s editor refuses code it cannot parse ("1 Error(s) parsing the input: missing \';\' at ...", ' +
      'https://github.com/facebookincubator/ConversionsAPI-Client-for-GoogleTagManager/issues/1, https://github.com/duracelltomi/gtm4wp/issues/344).',
  },
  'language/unsupported-syntax': {
    severity: 'error|warning',
    description: 'a construct outside the sandbox subset (new, this, class, template literals, try, ...)',
    evidence:
      `Errors for what Google documents as absent: "There is no new keyword in sandboxed JavaScript, and functions do not have access to the this keyword" (${DOCS}/templates/sandboxed-javascript); ` +
      'a regular-expression literal in template code (the sandbox has eight value types, none a regex; regexes come from createRegex). ' +
      'Other constructs (template literals, try, classes, destructuring...) are warnings: no public page or GTM message shows them refused.',
  },
  'language/undeclared': {
    severity: 'error',
    description: 'an identifier that is neither declared nor data/require/undefined',
    evidence:
      `Sandboxed JavaScript has no global execution environment: "the window object and its properties are not available", only require (${DOCS}/templates/sandboxed-javascript); ` +
      'reading any other undeclared name fails at run time.',
  },
  'language/require-literal': { severity: 'warning', description: 'require() without a single string literal (GTM detects permissions from literal names)' },
  'language/unsupported-method': {
    severity: 'error',
    description: 'a standard method the sandbox does not provide (includes, find, padStart, call, ...)',
    evidence: `The standard library page lists the methods sandboxed values have (${DOCS}/templates/standard-library); calling any other fails at run time.`,
  },
  'language/undocumented-method': { severity: 'warning', description: 'an undocumented method that works in published templates (startsWith)' },
  'language/unknown-api-member': {
    severity: 'error',
    description: 'a member an API object does not have (Math.random, Object.assign)',
    evidence: `The API references list the members of JSON, Math, Object and the other API objects (${DOCS}/templates/api, ${DOCS}/server-side/api); calling another fails at run time.`,
  },
  'language/tag-callbacks': {
    severity: 'error',
    description: 'tag code never mentions data.gtmOnSuccess/gtmOnFailure (GTM refuses the import)',
    evidence:
      'GTM refuses to import such a tag: "Tag code must invoke data.gtmOnSuccess() or data.gtmOnFailure()" ' +
      '(https://github.com/facebookincubator/ConversionsAPI-Client-for-GoogleTagManager/issues/4, https://github.com/stape-io/data-client/issues/22). ' +
      "The check is on the code's text: Stape's published TikTok web tag (https://github.com/stape-io/tiktok-web-tag) calls them only through a helper parameter named data and is in the gallery.",
  },
  'language/variable-return': { severity: 'warning', description: 'a variable (MACRO) template whose code never returns a value' },
  'apis/unknown-api': {
    severity: 'error',
    description: 'require() of a name that is not an API of the container context',
    evidence: `The API references list every API of web and server templates (${DOCS}/templates/api, ${DOCS}/server-side/api); require() of another name gives no function, so the code fails when it calls it.`,
  },
  'apis/unused-require': { severity: 'warning', description: 'an API is required but never used (it still adds its permission)' },
  'permissions/missing': {
    severity: 'error|warning',
    description: 'an API is called without the permission it needs (error); required but never called, logToConsole, or a permission without configuration (warning)',
    evidence:
      `Permissions are "Checked by APIs that require them" (${DOCS}/templates/permissions, ${DOCS}/server-side/permissions): a call the template's permissions do not allow fails at run time. ` +
      'Not an error when the API is never called (nothing fails; GTM adds the permissions it detects when the code is compiled, same pages), ' +
      'for logToConsole ("If permission is denied, logToConsole will not throw an error, but will suppress the log message", logging on the same pages), ' +
      'or for a permission that has nothing to configure (the detected entry allows the call).',
  },
  'permissions/not-allowed': {
    severity: 'error',
    description: 'a literal URL/cookie/key/header the permission does not allow',
    evidence: `Permissions are "Checked by APIs that require them" (${DOCS}/templates/permissions, ${DOCS}/server-side/permissions): a call with a value the permission does not list fails at run time.`,
  },
  'permissions/unused': { severity: 'warning', description: 'a permission no required API needs (least privilege)' },
  'permissions/broad': { severity: 'warning', description: 'a permission allows "any" although every use is a literal' },
  'permissions/unknown-permission': { severity: 'warning', description: 'a permission of the other context or unknown to the catalog' },
  'permissions/unknown-param': { severity: 'warning', description: 'a permission param key not known for that permission' },
  'ui/unused-parameter': { severity: 'warning', description: 'a field whose data key the code never reads' },
  'ui/undefined-parameter': { severity: 'warning', description: 'data.X read although no field is named X (always undefined)' },
};

/**
 * The severity a diagnostic is reported with: an error only from a rule that can report errors and
 * has evidence written beside it in RULES; anything else is a warning.
 */
export function effectiveSeverity(rule: string, requested: LintSeverity): LintSeverity {
  if (requested !== 'error') return requested;
  const info = Object.prototype.hasOwnProperty.call(RULES, rule) ? RULES[rule] : undefined;
  if (!info || info.severity === 'warning' || !info.evidence) return 'warning';
  return 'error';
}
