// wrong-type, from the step between YAML and Go types: sigs.k8s.io/yaml turns the YAML node into
// JSON before the audit scheme decodes it, anywhere in the document, known field or not. Two
// things have no JSON form and fail that step, so kube-apiserver refuses to start:
//   - a null mapping key (`~: x`, `null: x`): "Unsupported map key of type: %!s(<nil>)"
//     (sigs.k8s.io/yaml yaml.go convertToJSONableObject);
//   - an infinite or not-a-number float (`.inf`, `-.Inf`, `.nan`): "json: unsupported value: +Inf"
//     (encoding/json, which writes the converted object).
// Of two equal keys only the last reaches the conversion (go-yaml keeps the last in its map).
import { joinPath } from '../decode/finding';
import type { Finding } from '../decode/finding';
import { findPair } from '../parse/model';
import type { Node } from '../parse/model';
import { REFUSE } from './check';
import type { DocumentCheck, RuleCheck } from './check';
import { isOverridden, keyName } from './duplicateKey';

export const checkRuleJsonConversion: RuleCheck = (rule) => walk(rule, '', null);

/** The document outside its rule items (those are checked one by one, and cached). */
export const checkPolicyJsonConversion: DocumentCheck = (parsed) => {
  const root = parsed.root;
  const rules = root?.kind === 'map' ? (findPair(root, 'rules')?.value ?? null) : null;
  return root ? walk(root, '', rules?.kind === 'seq' ? rules : null) : [];
};

function walk(node: Node, path: string, skip: Node | null): Finding[] {
  const out: Finding[] = [];
  // The keys and indexes from `node` down to the one visited. A path is made only for a finding:
  // this visits every node of a file.
  const steps: Array<string | number> = [];
  const here = (): string =>
    steps.reduce<string>((at, step) => (typeof step === 'number' ? `${at}[${step}]` : joinPath(at, step)), path);
  const visit = (n: Node): void => {
    if (n.kind === 'scalar') {
      if (typeof n.value === 'number' && !Number.isFinite(n.value) && !skippedAsDigits(n))
        out.push(unsupported(n, here()));
      return;
    }
    if (n.kind === 'seq') {
      if (n === skip) return;
      for (let i = 0; i < n.items.length; i++) {
        steps.push(i);
        visit(n.items[i]);
        steps.pop();
      }
      return;
    }
    for (let index = 0; index < n.pairs.length; index++) {
      const pair = n.pairs[index];
      const name = keyName(pair.key);
      if (isOverridden(n, index, name)) continue;
      if (pair.key.value === null) out.push(nullKey(pair.key, here()));
      if (pair.value) {
        steps.push(name);
        visit(pair.value);
        steps.pop();
      }
    }
  };
  visit(node);
  return out;
}

function nullKey(key: Node, path: string): Finding {
  return {
    code: 'wrong-type',
    start: key.start,
    end: key.end,
    path,
    message:
      `${REFUSE} a null key (\`~\`, \`null\` or nothing before the colon) has no JSON form ` +
      '(Unsupported map key of type: %!s(<nil>)). Write a field name.',
  };
}

/** A JSON file's number too large for a float64 reaches json-iterator as written. Where the
 *  decoder skips it (a field it does not know), Skip takes its first character and skipNumber
 *  passes digits with at most one fraction (`trySkipNumber`, iter_skip_strict.go), but reads one
 *  with an exponent as a float64 and, after the range error, fails with "readNumberAsString:
 *  invalid number". (go-yaml keeps such a number as text, so in a YAML file it never gets here.) */
function skippedAsDigits(value: Node & { kind: 'scalar' }): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.raw ?? '');
}

function unsupported(value: Node & { kind: 'scalar' }, path: string): Finding {
  const refused = (why: string): Finding => ({
    code: 'wrong-type',
    start: value.start,
    end: value.end,
    path,
    message: `${REFUSE} ${why} Quote it to make it a string.`,
  });
  if (value.raw !== undefined && /^-?\d/.test(value.raw))
    return refused(
      `${value.raw} is too large for a float64, and kube-apiserver's JSON decoder fails on it ` +
        '(readNumberAsString: invalid number).',
    );
  const shown = Number.isNaN(value.value) ? 'NaN' : (value.value as number) > 0 ? '+Inf' : '-Inf';
  return refused(
    `${value.raw ?? shown} is an infinite or not-a-number float, which JSON cannot hold ` +
      `(json: unsupported value: ${shown}).`,
  );
}
