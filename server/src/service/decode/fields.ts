// A rule as kube-apiserver decodes it: for each field its last occurrence, lists as their items.
import { findPair } from '../parse/model';
import type { MapNode, Node, Pair, ScalarNode } from '../parse/model';
import { EMPTY } from '../parse/compact';
import { isNull } from './nodeText';

export class FieldsView {
  constructor(readonly map: MapNode) {}

  /** The view of a mapping; null for anything else (a null rule, or one of the wrong type). */
  static of(node: Node): FieldsView | null {
    return node.kind === 'map' ? new FieldsView(node) : null;
  }

  pair(name: string): Pair | undefined {
    return findPair(this.map, name);
  }

  value(name: string): Node | null {
    return this.pair(name)?.value ?? null;
  }

  /** The items of a list field; empty when absent, null or not a list. */
  items(name: string): readonly Node[] {
    const value = this.value(name);
    return value && value.kind === 'seq' ? value.items : EMPTY;
  }

  /** String items with their index in the list (non-strings are wrong-type findings elsewhere). A
   *  null item (`-` alone, `~`, `null`) is the string "": sigs.k8s.io/yaml turns it into JSON null
   *  and the JSON decoder leaves a list element at its zero value. */
  strings(name: string): Array<{ node: ScalarNode; value: string; index: number }> {
    const out: Array<{ node: ScalarNode; value: string; index: number }> = [];
    const items = this.items(name);
    // Plain loops here and below: every check reads every list of every rule through these.
    for (let index = 0; index < items.length; index++) {
      const node = items[index];
      if (node.kind === 'scalar' && (typeof node.value === 'string' || node.value === null))
        out.push({ node, value: node.value ?? '', index });
    }
    return out;
  }

  /** Whether the decoded list has at least one element (a null item decodes as "" and counts). */
  hasItems(name: string): boolean {
    return this.items(name).length > 0;
  }

  /** Resources entries that decode into GroupResources (mappings, or null for the zero value). */
  groupResources(): Array<{ view: FieldsView | null; node: Node; index: number }> {
    const out: Array<{ view: FieldsView | null; node: Node; index: number }> = [];
    const items = this.items('resources');
    for (let index = 0; index < items.length; index++) {
      const node = items[index];
      if (node.kind === 'map') out.push({ view: new FieldsView(node), node, index });
      else if (isNull(node)) out.push({ view: null, node, index });
    }
    return out;
  }
}
