// What people read about a policy whose host computes some values (a template directive, a
// Terraform expression): the masks the policy was read with (maskedValues.ts) put back to the
// host's own text in diagnostic messages, hovers and explanations, with a word on how such a
// value was read where that matters.
import type { Diagnostic, Hover, MarkedString } from 'vscode-languageserver-types';
import type { RegionTranslator } from './translate';

/** The service writes its messages as strings; markup, were it to come, is unmasked alike. */
export function unmaskedMessage(t: RegionTranslator, message: Diagnostic['message']): string {
  return typeof message === 'string' ? t.unmask(message) : t.unmask(message.value);
}

export function unmaskedContents(t: RegionTranslator, contents: Hover['contents']): Hover['contents'] {
  const one = (c: MarkedString): MarkedString =>
    typeof c === 'string' ? t.unmask(c) : { language: c.language, value: t.unmask(c.value) };
  if (Array.isArray(contents)) return contents.map(one);
  if (typeof contents === 'object' && 'kind' in contents) {
    const value = t.unmask(contents.value);
    // The hover shows a value the host computes: say that it is not known here.
    const note = value !== contents.value && contents.kind === 'markdown' ? `\n\n*${COMPUTED_HOVER}*` : '';
    return { kind: contents.kind, value: value + note };
  }
  return one(contents);
}

const COMPUTED_HOVER =
  'A value shown here is computed where the policy is written (a template, Terraform): it is not known here.';

/** A reason that names a value the host computes says how it was read: as matching no request. */
export function computedReason(t: RegionTranslator, reason: string): string {
  const unmasked = t.unmask(reason);
  return unmasked === reason ? reason : `${unmasked} (${COMPUTED})`;
}

const COMPUTED = 'a value computed where the policy is written, read as matching no request';
