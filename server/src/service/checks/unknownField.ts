// unknown-field: kube-apiserver's lenient second decoding pass (pkg/audit/policy/reader.go) drops
// fields it does not know, and fields newer than its version, so the rule matches as if they were
// absent. Found during the walk in structure.ts.
import { findField } from '../catalogue/fields';
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import { metaField, OBJECT_META } from '../catalogue/metadata';
import { suggestField } from '../catalogue/misnamed';
import { formatMinor } from '../catalogue/versions';
import type { Finding } from '../decode/finding';
import type { ScalarNode } from '../parse/model';
import { foldsToTypeMeta } from '../decode/typeMeta';
import type { TypeMetaName } from '../decode/typeMeta';
import { contextName } from './wrongType';

/** The field a key names at this place for this Kubernetes version, or the finding that it is
 *  dropped. Metadata fields have no FieldSpec: objectMeta.ts checks their values. */
export function lookUpField(
  context: FieldContext,
  key: ScalarNode,
  name: string,
  path: string,
  minor: number,
): { field?: FieldSpec; finding?: Finding } {
  if (context === 'metadata')
    return metaField(OBJECT_META, name, minor) ? {} : { finding: unknownField(key, name, path, context) };
  const field = findField(context, name);
  if (!field) return { finding: unknownField(key, name, path, context) };
  if (field.sinceMinor !== undefined && minor < field.sinceMinor) return { finding: tooNew(key, field, path, minor) };
  return { field };
}

function unknownField(key: ScalarNode, name: string, path: string, context: FieldContext): Finding {
  const typeMeta = context === 'policy' ? foldsToTypeMeta(name) : undefined;
  if (typeMeta) return typeMetaSpelling(key, name, path, typeMeta);
  const suggestion = context === 'metadata' ? undefined : suggestField(context, name);
  const effect =
    context === 'rule'
      ? ': the rule then matches as if the field were absent'
      : context === 'groupResources'
        ? ': the resources entry then matches as if the field were absent'
        : '';
  let advice = '';
  if (suggestion?.moveTo)
    advice = ` \`${suggestion.name}\` belongs in ${contextName(suggestion.moveTo)}, not in ${contextName(context)}.`;
  else if (suggestion) advice = ` Did you mean \`${suggestion.name}\`?`;
  return {
    code: 'unknown-field',
    start: key.start,
    end: key.end,
    path,
    message: `kube-apiserver does not know the field \`${name}\` here and drops it${effect}.${advice}`,
    data: suggestion
      ? { suggestion: suggestion.name, ...(suggestion.moveTo ? { moveTo: suggestion.moveTo } : {}) }
      : {},
  };
}

/** `ApiVersion`, `KIND`: the serializer reads the type from them (decode/typeMeta.ts), then the
 *  case-sensitive decoder of the object drops them (1.26+ logs the unknown field). */
function typeMetaSpelling(key: ScalarNode, name: string, path: string, field: TypeMetaName): Finding {
  return {
    code: 'unknown-field',
    start: key.start,
    end: key.end,
    path,
    message:
      `kube-apiserver reads \`${name}\` as the policy's ${field} (Go's encoding/json, which reads the type, ` +
      `matches keys in any case), but its decoder does not know the field and drops it. Write \`${field}\`.`,
    data: { suggestion: field },
  };
}

/** A key of an ownerReferences or managedFields item that this version's type does not have. */
export function droppedMetaField(
  key: ScalarNode,
  name: string,
  path: string,
  sinceMinor: number | undefined,
  minor: number,
): Finding {
  const message =
    sinceMinor !== undefined
      ? `\`${name}\` exists from Kubernetes ${formatMinor(sinceMinor)}; kube-apiserver ${formatMinor(minor)} ` +
        'does not know it and drops it.'
      : `kube-apiserver does not know the field \`${name}\` here and drops it.`;
  return { code: 'unknown-field', start: key.start, end: key.end, path, message, data: {} };
}

function tooNew(key: ScalarNode, field: FieldSpec, path: string, minor: number): Finding {
  return {
    code: 'unknown-field',
    start: key.start,
    end: key.end,
    path,
    message: `\`${field.name}\` exists from Kubernetes ${formatMinor(field.sinceMinor ?? 0)}; kube-apiserver ${formatMinor(minor)} does not know it and drops it.`,
    data: {},
  };
}
