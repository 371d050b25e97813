// Field validators shared by the templates' builders (Node side).
import type { ValueValidator } from '../tpl/definition';

/** Appended to a field's REGEX alternatives so a {{variable}} reference also validates. */
export const VARIABLE_OR = '|\\{\\{[^}]+\\}\\}';

/** The cookie domain field's check: auto, a domain, or a {{variable}}. */
export const COOKIE_DOMAIN_VALIDATOR: ValueValidator = {
  type: 'REGEX',
  args: ['\\s*(auto|\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*' + VARIABLE_OR + ')\\s*'],
  errorMessage: 'auto or a domain like example.com',
};
