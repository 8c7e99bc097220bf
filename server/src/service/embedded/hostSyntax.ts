// host-not-yaml: a YAML host (a ConfigMap, a kubeadm or microk8s config, cloud-init user-data)
// that is not YAML somewhere outside the policy it holds. The policy may be fine, but kubectl and
// every other reader of the file refuse the whole file (k8s.io/apimachinery's YAML reader splits it
// into documents and sigs.k8s.io/yaml, go-yaml v2, reads each), so the policy never reaches
// kube-apiserver. Said only where both YAML readers refuse the document: the `yaml` package that
// finds the policies, and the go-yaml port whose words kubectl prints.
import { readAsGoYaml } from '../parse/goyaml/load';
import type { HostNote, Region } from './region';

/** go-yaml's "yaml: line 4: " before what it found: the line is of the document, not of the file. */
const GO_YAML_PLACE = /^yaml: (line \d+: )?/;

/** The note for the host document from `start` to `end`, which the `yaml` package could not read
 *  (yamlRegions.ts tells it), when go-yaml refuses it too. */
export function hostSyntaxNote(
  text: string,
  [start, end]: readonly [number, number],
  regions: readonly Region[],
): HostNote | undefined {
  const failure = readAsGoYaml(text.slice(start, end)).failure;
  if (!failure) return undefined;
  const at = Math.min(start + failure.offset, Math.max(start, end - 1));
  // Inside a policy the file holds as a mapping, the policy's own yaml-syntax says it.
  if (regions.some((r) => r.map.hostStart <= at && at <= r.map.hostEnd)) return undefined;
  const lineEnd = text.indexOf('\n', at);
  return {
    code: 'host-not-yaml',
    start: at,
    end: Math.max(at + 1, lineEnd === -1 ? text.length : lineEnd),
    message: `The file around the policy is not YAML here (${failure.message.replace(GO_YAML_PLACE, '')}): kubectl, and every tool that reads this file, refuses all of it, so the policy it holds never reaches kube-apiserver.`,
  };
}
