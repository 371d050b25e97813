// Every rule the linter can report, with its usual severity and what it means. Severities:
// errors are what GTM refuses or what fails at run time; warnings are quality rules GTM accepts.
// A few rules report either severity depending on the case (noted as 'error|warning').
import { LintSeverity } from './types';

export interface RuleInfo {
  severity: LintSeverity | 'error|warning';
  description: string;
}

export const RULES: Readonly<Record<string, RuleInfo>> = {
  'format/not-a-template': { severity: 'error', description: 'the file has no ___SECTION___ headers' },
  'format/unreadable': { severity: 'error', description: 'the file cannot be read' },
  'format/unknown-section': { severity: 'error', description: 'a section name GTM does not know' },
  'format/duplicate-section': { severity: 'error', description: 'a section appears twice' },
  'format/section-order': { severity: 'warning', description: 'sections are not in export order (GTM still imports them)' },
  'format/missing-section': { severity: 'error|warning', description: 'INFO/TEMPLATE_PARAMETERS/code missing (error); permissions or terms of service missing (warning)' },
  'format/context-section': { severity: 'error', description: 'a code/permissions section of the other container context' },
  'format/invalid-json': { severity: 'error', description: 'a JSON section does not parse' },
  'format/invalid-yaml': { severity: 'error', description: '___TESTS___ does not parse as YAML' },
  'format/info': { severity: 'error|warning', description: '___INFO___ shape: required keys, containerContexts, displayName, version, brand' },
  'format/info-unknown-field': { severity: 'error', description: 'an ___INFO___ or brand key GTM does not know' },
  'format/info-template-type': { severity: 'error', description: 'type is not TAG/MACRO (and CLIENT on the server)' },
  'format/info-category': { severity: 'warning', description: 'a gallery category not seen in published templates' },
  'format/parameter-schema': { severity: 'error', description: 'a field is malformed (not an object, no name, bad groupStyle, bad subParams...)' },
  'format/parameter-type': { severity: 'error', description: 'unknown field type or table column type' },
  'format/parameter-property': { severity: 'warning', description: 'a property the field type does not use (GTM ignores it)' },
  'format/parameter-duplicate': { severity: 'error', description: 'two fields (flattened) or two table columns share a name' },
  'format/parameter-enabling-condition': { severity: 'error|warning', description: 'unknown condition type (error); condition on a field that does not exist (warning)' },
  'format/parameter-validator': { severity: 'error', description: 'unknown valueValidator type or bad args' },
  'format/parameter-items': { severity: 'error|warning', description: 'selectItems/radioItems malformed' },
  'format/permission-schema': { severity: 'error', description: 'a permission entry or typed value is malformed' },
  'format/tests-schema': { severity: 'error', description: '___TESTS___ keys other than scenarios/setup and name/code' },
  'format/test-name': { severity: 'error', description: "a scenario name contains '.' or repeats" },
  'language/parse-error': { severity: 'error', description: 'the code does not parse' },
  'language/unsupported-syntax': { severity: 'error', description: 'a construct outside the sandbox subset (new, this, class, template literals, try, ...)' },
  'language/undeclared': { severity: 'error', description: 'an identifier that is neither declared nor data/require/undefined' },
  'language/require-literal': { severity: 'error', description: 'require() without a single string literal' },
  'language/unsupported-method': { severity: 'error', description: 'a standard method the sandbox does not provide (includes, find, padStart, call, ...)' },
  'language/undocumented-method': { severity: 'warning', description: 'an undocumented method that works in published templates (startsWith)' },
  'language/unknown-api-member': { severity: 'error', description: 'a member an API object does not have (Math.random, Object.assign)' },
  'language/tag-callbacks': { severity: 'error', description: 'tag code never mentions data.gtmOnSuccess/gtmOnFailure (GTM refuses the import)' },
  'language/variable-return': { severity: 'warning', description: 'a variable (MACRO) template whose code never returns a value' },
  'apis/unknown-api': { severity: 'error', description: 'require() of a name that is not an API of the container context' },
  'apis/unused-require': { severity: 'warning', description: 'an API is required but never used (it still adds its permission)' },
  'permissions/missing': { severity: 'error', description: 'an API is used without the permission it needs' },
  'permissions/not-allowed': { severity: 'error', description: 'a literal URL/cookie/key/header the permission does not allow' },
  'permissions/unused': { severity: 'warning', description: 'a permission no required API needs (least privilege)' },
  'permissions/broad': { severity: 'warning', description: 'a permission allows "any" although every use is a literal' },
  'permissions/unknown-permission': { severity: 'error|warning', description: 'a permission of the other context (error) or unknown to the catalog (warning)' },
  'permissions/unknown-param': { severity: 'warning', description: 'a permission param key not known for that permission' },
  'ui/unused-parameter': { severity: 'warning', description: 'a field whose data key the code never reads' },
  'ui/undefined-parameter': { severity: 'warning', description: 'data.X read although no field is named X (always undefined)' },
};
