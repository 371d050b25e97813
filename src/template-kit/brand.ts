// The brand of every template of this repository (GTM shows it in the template gallery and in the
// container's template list). The thumbnail path is relative to a src/templates/<id>/ folder: the
// build embeds the file as a data URI.
import type { TemplateBrand } from '../tpl/definition';

export const TEMPLATE_BRAND: TemplateBrand = {
  id: 'brand_dummy', displayName: 'tiktok-gtm-templates', thumbnail: '../../../assets/brand-thumbnail.png',
};
