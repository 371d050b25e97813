// README.md of a template's gallery repository: what the template does, how to install it, a
// summary of its fields and a link to the full generated field reference.

import { cell, code, escapeMarkdownText, flattenFields, helpToMarkdown, isRequired, kindDescription, label, readTemplateSummary, typeName } from './docs';
import type { GallerySource, GalleryTemplateEntry } from './gallery-metadata';

const TEMPLATE_SECTIONS: Record<string, string> = { TAG: 'Tag Templates', MACRO: 'Variable Templates', CLIENT: 'Client Templates' };

export function renderGalleryReadme(tplText: string, entry: GalleryTemplateEntry, source: Pick<GallerySource, 'owner' | 'sourceRepository' | 'sourceBranch'>): string {
  const summary = readTemplateSummary(tplText, entry.id);
  const containerName = summary.context === 'SERVER' ? 'server' : 'web';
  const sectionName = TEMPLATE_SECTIONS[summary.type] ?? 'Templates';
  const sourceUrl = `https://github.com/${source.owner}/${source.sourceRepository}`;
  const lines = [
    `# ${escapeMarkdownText(summary.displayName)}`,
    '',
    helpToMarkdown(summary.description),
    '',
    `A Google Tag Manager ${kindDescription(summary).replace(/^./, (c) => c.toLowerCase())}, published in the Community Template Gallery.`,
    `It is built from TypeScript in [${source.owner}/${source.sourceRepository}](${sourceUrl}); report issues and send changes there.`,
    '',
    '## Install',
    '',
    `1. In Google Tag Manager, open your **${containerName}** container and go to **Templates**.`,
    // The brand name finds only this project's templates; the template name alone would also
    // list other publishers' TikTok templates of similar names.
    `2. Under **${sectionName}**, choose **Search Gallery**, search for “${escapeMarkdownText(summary.brandName || summary.displayName)}”, open “${escapeMarkdownText(summary.displayName)}” and choose **Add to workspace**.`,
    `3. Or download [\`template.tpl\`](template.tpl), choose **New** under ${sectionName}, then **⋮ → Import**, and save.`,
    '',
    '## Fields',
    '',
  ];
  const fields = flattenFields(summary.fields);
  if (fields.length === 0) {
    lines.push('This template has no fields.');
  } else {
    lines.push('| Field | Key | Type | Required | Section |', '|---|---|---|---|---|');
    for (const { field, groups } of fields) {
      lines.push(`| ${cell(escapeMarkdownText(label(field)))} | ${code(field.name)} | ${typeName(field)} | ${isRequired(field) ? 'yes' : ''} | ${cell(escapeMarkdownText(groups.join(' › ')))} |`);
    }
  }
  lines.push('', `Defaults, help texts, options and when each field is shown: [field reference](${entry.documentation}).`, '', '## Versions', '');
  for (const version of entry.versions) {
    const notes = version.changeNotes.trim().split('\n');
    lines.push(`- **${escapeMarkdownText(version.version)}**: ${notes[0]}`, ...notes.slice(1).map((line) => (line.trim() ? `  ${line}` : '')));
  }
  lines.push('', '## License', '', 'Apache License 2.0, see [LICENSE](LICENSE).');
  return lines.join('\n') + '\n';
}
