// Completion: only what is legal at the cursor, each item documented from the catalogue. The
// context (completionContext.ts) says where the cursor is; this file says what fits there.
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';
import { groupsFor } from '../catalogue/apiResources';
import type { ApiGroup } from '../catalogue/apiResources';
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import { API_VERSION, LEVELS, NON_RESOURCE_VERBS, POLICY_KIND, RESOURCE_VERBS, STAGES } from '../catalogue/values';
import type { ValueSpec } from '../catalogue/values';
import { VERSION_FACTS } from '../catalogue/versions';
import { WELL_KNOWN_GROUPS, WELL_KNOWN_NAMESPACES, WELL_KNOWN_URLS, WELL_KNOWN_USERS } from '../catalogue/wellKnown';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
import { completionContext } from './completionContext';
import type { CompletionContext } from './completionContext';
import {
  fieldMarkdown,
  groupLabel,
  groupMarkdown,
  resourceMarkdown,
  valueMarkdown,
  wildcardMarkdown,
} from './markdown';
import { isStringList, keysOf, placeOf } from './path';
import { indentSnippet, RULE_SNIPPETS, withoutPlaceholders } from './snippets';
import { unquote } from './lineShape';
import { usedNamespaces } from './usedNamespaces';
import { withFileEol } from './edits';
import { scalarText } from './yamlText';

interface Offer {
  readonly value: string;
  readonly label?: string;
  readonly doc: string;
  readonly kind: CompletionItemKind;
  readonly detail?: string;
}

/** What the client can take: without snippet support (eglot without yasnippet, Neovim's own
 *  completion) items are plain text, or `$1` and `${1|a,b|}` would be inserted literally. */
export interface CompletionClient {
  readonly snippets: boolean;
}

export function doComplete(
  doc: PolicyDocument,
  position: Position,
  settings: ServiceSettings,
  client: CompletionClient = { snippets: true },
): CompletionList {
  const offset = doc.lines.offsetAt(position);
  const ctx = completionContext(doc, offset);
  const items = ctx ? itemsFor(doc, ctx, settings.kubernetesMinor) : [];
  if (!client.snippets) for (const item of items) asPlainText(item);
  for (const item of items) if (item.textEdit) item.textEdit.newText = withFileEol(doc, item.textEdit.newText);
  return { isIncomplete: false, items };
}

type Ctx = CompletionContext & { readonly range: Range };

function itemsFor(doc: PolicyDocument, context: CompletionContext, minor: number): CompletionItem[] {
  // Inside quotes the edit starts after the opening quote and writes the closing one, so the text a
  // client filters on (`ge` in `["ge`, the word before the cursor) is a prefix of the filter text.
  const start = context.quote ? context.replaceStart + 1 : context.replaceStart;
  const ctx: Ctx = { ...context, range: doc.lines.rangeOf(start, context.replaceEnd) };
  const place = placeOf(ctx.path);
  if (!place) return [];
  // `- lev$0` in a list of mappings
  if (ctx.kind === 'value' && place.kind === 'map')
    return keyItems({ ...ctx, siblings: ctx.itemKeys ?? new Map() }, place.context, minor);
  if (ctx.kind === 'key') {
    if (place.kind === 'map') return keyItems(ctx, place.context, minor);
    if (place.kind === 'value' && place.field.type === 'ruleList') return snippetItems(ctx, true);
    return [];
  }
  if (place.kind === 'value' && isStringList(place.field) && !ctx.quote) {
    // `verbs: $0`: the first item, written as a one-item flow list.
    return itemOffers(doc, ctx, place.field, minor).map((o, i) => ({
      ...valueItem({ ...ctx, flow: true }, o, i),
      textEdit: { range: ctx.range, newText: `[${scalarText(o.value, true)}]` },
    }));
  }
  if (place.kind === 'value') return valueOffers(place.field, minor).map((o, i) => valueItem(ctx, o, i));
  if (place.kind === 'item')
    return itemOffers(doc, ctx, place.field, minor)
      .filter((o) => !ctx.present?.has(o.value))
      .map((o, i) => valueItem(ctx, o, i));
  return [];
}

function keyItems(ctx: Ctx, context: FieldContext, minor: number): CompletionItem[] {
  if (context === 'metadata') return [];
  const items = keysOf(context)
    .filter((f) => !ctx.siblings.has(f.name) && (f.sinceMinor === undefined || minor >= f.sinceMinor))
    .map((field, i): CompletionItem => ({
      label: field.name,
      kind: CompletionItemKind.Property,
      detail: field.required ? 'required' : undefined,
      documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(field) },
      sortText: `0${String(i).padStart(3, '0')}`,
      filterText: field.name,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.range, newText: keyText(ctx, field) },
    }));
  if (context === 'rule' && ctx.newItem && ctx.siblings.size === 0 && !ctx.hasColon)
    items.push(...snippetItems(ctx, false));
  return items;
}

function keyText(ctx: Ctx, field: FieldSpec): string {
  const name = ctx.quote ? `${field.name}${ctx.quote}` : field.name;
  if (ctx.hasColon || ctx.flow) return ctx.hasColon ? name : `${name}: `;
  const pad = ' '.repeat(ctx.column);
  if (isStringList(field)) return `${name}: [$1]`;
  if (field.type === 'groupResourcesList') return `${name}:\n${pad}- group: "$1"\n${pad}  resources: [$2]`;
  if (field.type === 'ruleList') return `${name}:\n${pad}- level: \${1|None,Metadata,Request,RequestResponse|}`;
  if (field.type === 'boolean') return `${name}: \${1|true,false|}`;
  if (field.type === 'object') return `${name}:\n${pad}  `;
  return `${name}: `;
}

/** Rule snippets: at a fresh `- ` (`withDash` false) or on an empty line of the rules list. */
function snippetItems(ctx: Ctx, withDash: boolean): CompletionItem[] {
  return RULE_SNIPPETS.map((s, i): CompletionItem => ({
    label: s.label,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    documentation: {
      kind: MarkupKind.Markdown,
      value: ['```yaml', `- ${withoutPlaceholders(s.body.join('\n  '))}`, '```'].join('\n'),
    },
    sortText: `1${String(i).padStart(3, '0')}`,
    filterText: withDash ? `- ${s.label}` : s.label,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: {
      range: ctx.range,
      newText: withDash ? `- ${indentSnippet(s.body, ctx.column + 2)}` : indentSnippet(s.body, ctx.column),
    },
  }));
}

function valueOffers(field: FieldSpec, minor: number): Offer[] {
  if (field.context === 'groupResources' && field.name === 'group') return groupOffers(minor);
  if (field.type === 'level') return LEVELS.map((l) => enumOffer('audit level', l));
  if (field.type === 'boolean')
    return ['true', 'false'].map((v) => ({ value: v, doc: fieldMarkdown(field), kind: CompletionItemKind.Value }));
  if (field.context === 'policy' && field.name === 'apiVersion')
    return [{ value: API_VERSION, doc: fieldMarkdown(field), kind: CompletionItemKind.Value }];
  if (field.context === 'policy' && field.name === 'kind')
    return [{ value: POLICY_KIND, doc: fieldMarkdown(field), kind: CompletionItemKind.Value }];
  return [];
}

function enumOffer(what: string, spec: ValueSpec, kind: CompletionItemKind = CompletionItemKind.EnumMember): Offer {
  return { value: spec.value, doc: valueMarkdown(what, spec), kind };
}

function itemOffers(doc: PolicyDocument, ctx: Ctx, field: FieldSpec, minor: number): Offer[] {
  switch (field.item) {
    case 'stage':
      return STAGES.map((s) => enumOffer('stage', s));
    case 'verb':
      return ctx.siblings.has('nonResourceURLs')
        ? NON_RESOURCE_VERBS.map((v) => enumOffer('non-resource verb', v))
        : RESOURCE_VERBS.map((v) => enumOffer('verb', v));
    case 'user':
      return WELL_KNOWN_USERS.map((u) => enumOffer('user', u, CompletionItemKind.Value));
    case 'userGroup':
      return WELL_KNOWN_GROUPS.map((g) => enumOffer('user group', g, CompletionItemKind.Value));
    case 'nonResourceURL':
      return WELL_KNOWN_URLS.map((u) => enumOffer('non-resource URL', u, CompletionItemKind.Value));
    case 'namespace': {
      const used = usedNamespaces(doc.parsed).map((n): Offer => ({
        value: n,
        doc: `**${n}**: a namespace this policy already names.`,
        kind: CompletionItemKind.Value,
        detail: 'used in this file',
      }));
      const known = WELL_KNOWN_NAMESPACES.filter((n) => !used.some((u) => u.value === n.value)).map((n) => ({
        ...enumOffer('namespace', n, CompletionItemKind.Value),
        ...(n.value === '' ? { label: '"" (cluster-scoped)' } : {}),
      }));
      return [...used, ...known];
    }
    case 'resource':
      return resourceOffers(groupOf(ctx), minor);
    default:
      return [];
  }
}

/** The `group` of the resources entry being edited, as written; absent means the core group. */
function groupOf(ctx: Ctx): string {
  const raw = ctx.siblings.get('group');
  if (raw === undefined) return '';
  return unquote(raw.replace(/\s+#.*$/, '').trim());
}

function groupOffers(minor: number): Offer[] {
  const offers: Offer[] = groupsFor(minor).map((g) => ({
    value: g.name,
    label: groupLabel(g.name),
    doc: groupMarkdown(g),
    kind: CompletionItemKind.Module,
  }));
  if (minor >= VERSION_FACTS.wildcardGroupMinor)
    offers.push({
      value: '*',
      doc: '**\\***: every API group (Kubernetes 1.36 and later).',
      kind: CompletionItemKind.Module,
    });
  return offers;
}

function resourceOffers(group: string, minor: number): Offer[] {
  const groups: ApiGroup[] = group === '*' ? groupsFor(minor) : groupsFor(minor).filter((g) => g.name === group);
  const seen = new Set<string>();
  const offers: Offer[] = [];
  const add = (offer: Offer): void => {
    if (seen.has(offer.value)) return;
    seen.add(offer.value);
    offers.push(offer);
  };
  const subresources = new Set<string>();
  for (const g of groups) {
    for (const r of g.resources) {
      add({ value: r.name, doc: resourceMarkdown(g, r), kind: CompletionItemKind.Class, detail: r.kind });
      for (const s of r.subresources) {
        add({ value: `${r.name}/${s}`, doc: resourceMarkdown(g, r, s), kind: CompletionItemKind.Field });
        subresources.add(s);
      }
    }
  }
  add({ value: '*', doc: wildcardMarkdown('*', group), kind: CompletionItemKind.Constant });
  for (const g of groups)
    for (const r of g.resources)
      if (r.subresources.length > 0)
        add({ value: `${r.name}/*`, doc: wildcardMarkdown(`${r.name}/*`, group), kind: CompletionItemKind.Constant });
  for (const s of subresources)
    add({ value: `*/${s}`, doc: wildcardMarkdown(`*/${s}`, group), kind: CompletionItemKind.Constant });
  return offers;
}

function valueItem(ctx: Ctx, offer: Offer, index: number): CompletionItem {
  const newText = ctx.quote ? scalarText(offer.value, ctx.flow, ctx.quote).slice(1) : scalarText(offer.value, ctx.flow);
  return {
    label: offer.label ?? offer.value,
    kind: offer.kind,
    ...(offer.detail ? { detail: offer.detail } : {}),
    documentation: { kind: MarkupKind.Markdown, value: offer.doc },
    sortText: String(index).padStart(4, '0'),
    filterText: ctx.quote || offer.value !== '' ? offer.value : '""',
    insertTextFormat: InsertTextFormat.PlainText,
    textEdit: { range: ctx.range, newText },
  };
}

/** A snippet item as plain text: each placeholder becomes its default (`${1|None,...|}` is `None`,
 *  `${1:prod}` is `prod`) and each bare tab stop goes. */
function asPlainText(item: CompletionItem): void {
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return;
  item.insertTextFormat = InsertTextFormat.PlainText;
  if (item.textEdit) item.textEdit.newText = withoutPlaceholders(item.textEdit.newText);
}
