// Where tools that install kube-apiserver keep its audit policy inside their own files. A value at
// one of these paths is checked as a policy even before it says `apiVersion: audit.k8s.io/v1`
// (someone is writing it); anywhere else a value must show it is a policy by its content.

export interface HostPath {
  /** The tool and the field, for hover and docs. */
  readonly name: string;
  /** Matches the dotted path of the value (indices as [N]). */
  readonly pattern: RegExp;
  /** Held as text (a block or quoted scalar) or as a mapping written inline. */
  readonly form: 'text' | 'mapping';
  /** A sibling field that must mention "audit" (a files list holds other files too). */
  readonly sibling?: readonly string[];
  /** The text the tool writes before the value: the value is only the policy's rules. */
  readonly header?: string;
}

export const HOST_PATHS: readonly HostPath[] = [
  {
    // Cluster API KubeadmControlPlane, and KubeadmConfigTemplate (spec.template.spec.files).
    name: 'Cluster API kubeadm files[].content',
    pattern: /(^|\.)(kubeadmConfigSpec|spec)\.files\[\d+\]\.content$/,
    form: 'text',
    sibling: ['path'],
  },
  {
    name: 'kops fileAssets[].content',
    pattern: /(^|\.)fileAssets\[\d+\]\.content$/,
    form: 'text',
    sibling: ['name', 'path'],
  },
  {
    name: 'cloud-init write_files[].content',
    pattern: /(^|\.)write_files\[\d+\]\.content$/,
    form: 'text',
    sibling: ['path'],
  },
  { name: 'RKE2 / Rancher audit-policy-file', pattern: /(^|\.)audit-policy-file$/, form: 'text' },
  {
    // roles/kubernetes/control-plane/templates/apiserver-audit-policy.yaml.j2 writes this header,
    // then the rules indented under `rules:` (a list at either indentation is the same list).
    name: 'Kubespray audit_policy_custom_rules',
    pattern: /(^|\.)audit_policy_custom_rules$/,
    form: 'text',
    header: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n',
  },
  { name: 'Talos cluster.apiServer.auditPolicy', pattern: /(^|\.)cluster\.apiServer\.auditPolicy$/, form: 'mapping' },
  {
    name: 'RKE1 services.kube-api.audit_log.configuration.policy',
    pattern: /(^|\.)services\.kube-api\.audit_log\.configuration\.policy$/,
    form: 'mapping',
  },
];

/** ConfigMap data keys that name a policy file (Gardener's `policy`, `audit-policy.yaml`, ...). */
export const CONFIGMAP_POLICY_KEY = /polic/i;

export function hostPathFor(
  path: string,
  form: 'text' | 'mapping',
  sibling: (key: string) => string | undefined,
): HostPath | undefined {
  return HOST_PATHS.find(
    (p) =>
      p.form === form &&
      p.pattern.test(path) &&
      (!p.sibling || p.sibling.some((key) => /audit/i.test(sibling(key) ?? ''))),
  );
}
