// The HTML of a template's form as GTM lays it out when a user opens a new tag or variable of it
// (build/form-layout.ts decides what is shown). build/render-forms.ts draws it in headless Chromium
// into docs/reference/forms/<id>.png, with the SHA-256 of this HTML embedded in the PNG, so a test
// can tell on any machine whether a picture still shows the current .tpl (the pixels themselves
// differ between Chromium versions and fonts). The HTML is a plain function of the .tpl: same .tpl,
// same HTML, same hash.
//
// It is a drawing in GTM's layout (a card with the template's name, labels above fields, "?" where a
// field has help, closed sections as titles), clearly labelled as such; not a copy of GTM's page.

import * as crypto from 'node:crypto';
import { FormNode, firstOpenForm } from './form-layout';
import type { TemplateParameter } from '../src/tpl/definition';
import { findSection, parseJsonSection, parseTpl } from '../src/tpl/format';

interface TemplateInfo {
  type?: string;
  displayName?: string;
  brand?: { thumbnail?: string };
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; background: #f1f3f4; font-family: Roboto, "Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: #202124; font-size: 14px; }
#form { width: 680px; padding: 16px; }
.notice { background: #fef7e0; border: 1px solid #f9ab00; border-radius: 4px; padding: 8px 12px; margin-bottom: 12px; font-size: 12px; color: #5f4200; }
.card { background: #fff; border-radius: 8px; box-shadow: 0 1px 2px rgba(60,64,67,.3), 0 1px 3px 1px rgba(60,64,67,.15); padding: 20px 24px 24px; }
.card-title { font-size: 18px; margin-bottom: 16px; }
.type { display: flex; align-items: center; gap: 12px; padding: 10px 12px; border: 1px solid #dadce0; border-radius: 4px; margin-bottom: 20px; }
.type img { width: 40px; height: 40px; border-radius: 4px; }
.type-kind { font-size: 12px; color: #5f6368; }
.type-name { font-size: 16px; }
.group { margin: 18px 0 6px; }
.group-title { font-size: 15px; font-weight: 500; color: #202124; margin-bottom: 10px; }
.zippy { border-top: 1px solid #e8eaed; padding-top: 14px; }
.zippy .group-title { display: flex; align-items: center; gap: 8px; }
.arrow { display: inline-block; width: 16px; color: #5f6368; }
.field { margin: 0 0 14px; }
.field-label { font-size: 13px; color: #3c4043; margin-bottom: 4px; }
.help { display: inline-block; width: 16px; height: 16px; border-radius: 50%; background: #80868b; color: #fff; font-size: 11px; line-height: 16px; text-align: center; margin-left: 6px; vertical-align: 1px; }
.input { border: 1px solid #dadce0; border-radius: 4px; min-height: 36px; padding: 8px 10px; font-size: 14px; background: #fff; }
.input.select { display: flex; justify-content: space-between; }
.hint { color: #9aa0a6; }
.choice { display: flex; align-items: flex-start; gap: 10px; margin: 8px 0; line-height: 18px; }
.box, .dot { flex: none; width: 18px; height: 18px; border: 2px solid #5f6368; background: #fff; }
.box { border-radius: 2px; }
.box.on { background: #1a73e8; border-color: #1a73e8; }
.box.on::after { content: ""; display: block; width: 5px; height: 10px; margin: 0 0 0 4px; border: solid #fff; border-width: 0 2px 2px 0; transform: rotate(45deg); }
.dot { border-radius: 50%; }
.dot.on { border-color: #1a73e8; }
.dot.on::after { content: ""; display: block; width: 8px; height: 8px; margin: 3px; border-radius: 50%; background: #1a73e8; }
.sub { margin-left: 28px; }
.label-text { color: #5f6368; font-size: 13px; line-height: 19px; margin: 0 0 14px; }
.table { border: 1px solid #dadce0; border-radius: 4px; }
.table-head { display: flex; background: #f8f9fa; border-bottom: 1px solid #dadce0; font-size: 12px; color: #5f6368; }
.table-head div { flex: 1; padding: 8px 10px; }
.table-empty { padding: 8px 10px; color: #9aa0a6; font-size: 12px; }
.button { display: inline-block; margin-top: 8px; color: #1a73e8; font-weight: 500; font-size: 13px; }
`;

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text of a help or label HTML (tags removed, entities decoded), for a label drawn as text. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function help(parameter: { help?: string }): string {
  return parameter.help ? '<span class="help">?</span>' : '';
}

function fieldLabel(text: string | undefined, parameter: { help?: string }): string {
  return text ? `<div class="field-label">${escapeHtmlText(text)}${help(parameter)}</div>` : '';
}

/** The value a field shows on first open: its default, or its example in grey. */
function textValue(parameter: TemplateParameter): string {
  if (parameter.type !== 'TEXT') return '';
  const value = parameter.defaultValue;
  if (value !== undefined && value !== '') return escapeHtmlText(String(value));
  return parameter.valueHint ? `<span class="hint">${escapeHtmlText(parameter.valueHint)}</span>` : '&nbsp;';
}

function renderNode(node: FormNode): string {
  const p = node.parameter;
  const children = node.children.map(renderNode).join('');
  switch (p.type) {
    case 'GROUP': {
      const zippy = p.groupStyle === 'ZIPPY_OPEN' || p.groupStyle === 'ZIPPY_CLOSED' || p.groupStyle === 'ZIPPY_OPEN_ON_PARAM';
      const arrow = zippy ? `<span class="arrow">${node.open ? '▾' : '▸'}</span>` : '';
      return `<div class="group${zippy ? ' zippy' : ''}"><div class="group-title">${arrow}${escapeHtmlText(p.displayName ?? '')}${help(p)}</div>${children}</div>`;
    }
    case 'LABEL':
      return `<div class="label-text">${escapeHtmlText(textOf(p.displayName ?? ''))}</div>`;
    case 'TEXT':
      return `<div class="field">${fieldLabel(p.displayName, p)}<div class="input">${textValue(p)}</div>${children ? `<div class="sub">${children}</div>` : ''}</div>`;
    case 'SELECT': {
      const selected = p.selectItems.find((item) => item.value === p.defaultValue) ?? (p.notSetText !== undefined ? { displayValue: p.notSetText } : p.selectItems[0]);
      return `<div class="field">${fieldLabel(p.displayName, p)}<div class="input select"><span>${escapeHtmlText(selected?.displayValue ?? '')}</span><span>▾</span></div>${children ? `<div class="sub">${children}</div>` : ''}</div>`;
    }
    case 'CHECKBOX':
      return `<div class="field">${fieldLabel(p.displayName, {})}<div class="choice"><span class="box${p.defaultValue === true ? ' on' : ''}"></span><span>${escapeHtmlText(p.checkboxText)}${help(p)}</span></div>${children ? `<div class="sub">${children}</div>` : ''}</div>`;
    case 'RADIO': {
      const items = p.radioItems.map((item) => {
        const under = (node.radioChildren?.get(item) ?? []).map(renderNode).join('');
        return `<div class="choice"><span class="dot${item.value === p.defaultValue ? ' on' : ''}"></span><span>${escapeHtmlText(item.displayValue)}${help(item)}</span></div>${under ? `<div class="sub">${under}</div>` : ''}`;
      }).join('');
      return `<div class="field">${fieldLabel(p.displayName, p)}${items}</div>`;
    }
    case 'SIMPLE_TABLE': {
      const head = p.simpleTableColumns.map((column) => `<div>${escapeHtmlText(column.displayName)}</div>`).join('');
      return `<div class="field">${fieldLabel(p.displayName, p)}<div class="table"><div class="table-head">${head}</div><div class="table-empty">No rows</div></div><div class="button">+ ${escapeHtmlText(p.newRowButtonText ?? 'Add row')}</div></div>`;
    }
    case 'PARAM_TABLE':
      return `<div class="field">${fieldLabel(p.displayName, p)}<div class="table"><div class="table-empty">No rows</div></div><div class="button">+ ${escapeHtmlText(p.newRowButtonText ?? 'Add row')}</div></div>`;
    default:
      return '';
  }
}

/** The HTML page of a template's first-open form (`templateId` names the file in the notice). */
export function formHtml(tplText: string, templateId: string): string {
  const parsed = parseTpl(tplText, templateId + '.tpl');
  const info = parseJsonSection(parsed, findSection(parsed, 'INFO')!) as TemplateInfo;
  const parameters = parseJsonSection(parsed, findSection(parsed, 'TEMPLATE_PARAMETERS')!) as TemplateParameter[];
  const kind = info.type === 'MACRO' ? 'Variable' : 'Tag';
  const icon = info.brand?.thumbnail?.startsWith('data:image/') ? `<img src="${escapeHtmlText(info.brand.thumbnail)}" alt="">` : '';
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtmlText(info.displayName ?? templateId)}</title><style>${STYLE}</style></head><body>`,
    '<div id="form">',
    `<div class="notice">A rendering of the form GTM shows for a new ${kind.toLowerCase()} of this template, drawn from templates/${escapeHtmlText(templateId)}.tpl. Not a screenshot of Google Tag Manager.</div>`,
    '<div class="card">',
    `<div class="card-title">${kind} Configuration</div>`,
    `<div class="type">${icon}<div><div class="type-kind">${kind} type</div><div class="type-name">${escapeHtmlText(info.displayName ?? templateId)}</div></div></div>`,
    firstOpenForm(parameters).map(renderNode).join(''),
    '</div></div></body></html>',
    '',
  ].join('\n');
}

/** The hash a form picture carries: SHA-256 (hex) of its form HTML. */
export function formHash(html: string): string {
  return crypto.createHash('sha256').update(html, 'utf8').digest('hex');
}
