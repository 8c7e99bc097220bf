// What each requirement pack finds in the 33 real policies of ../shared/corpus/real: the cases
// (1-based, in pack order) a policy does not meet. Derived from kube-apiserver's own answers:
// test/differential/packs.test.ts asks the oracle (kube-apiserver 1.20.2's checker) for every
// case's level and stages and rebuilds this table; findings were also read in the policies:
//
//  cis   1-7 secrets at exactly Metadata, 8-11 configmaps and 12 tokenreviews at most Metadata,
//        13-16 pod and 17-20 deployment writes recorded, 21-26 exec, portforward, proxy recorded.
//  falco 1-2 pod creation, 3 service creation, 4-6 configmap writes, 7 clusterrolebinding,
//        9 clusterrole and 10 role creation with request bodies; 8, 11-13, 16, 18-32 recorded;
//        14-15 exec and attach recorded at ResponseStarted; 17 ephemeral containers; 33 anonymous;
//        34 any request by a user; all but 14-16 in the ResponseComplete stage.
//  who-did-what 1-17 writes by a user, 18-34 the same writes by a service account.
//
// Read in the policies: aks-engine logs secrets and configmaps at RequestResponse/Request (cis 1-11);
// canonical and charmed log everything at RequestResponse (cis 1-12); calico-enterprise,
// cloudnative-pg, rke2 (`- level: None` only) and imjasonh record only their own groups or one
// service account (everything else fails); alt-podsec-usernetes drops service accounts' requests
// (who-did-what 18-34); kubermatic-minimal and neondatabase record only some resources; most
// policies put configmaps at Metadata, which the falco pack's configmap cases (4-6) need at
// Request: CIS and Falco conflict there. falco's own sample policy records roles at Metadata
// (falco 10). selectel drops secrets requests of its own users and services (cis 1-3).
export type PackFindings = Readonly<Record<'cis' | 'falco' | 'who-did-what', readonly number[] | 'refused'>>;

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const range = (from: number, to: number): number[] => all(to).slice(from - 1);
const OK: readonly number[] = [];

export const PACK_TABLE: Readonly<Record<string, PackFindings>> = {
  'aks-engine-audit-policy.yaml': { cis: all(11), falco: [7, 9, 10], 'who-did-what': OK },
  'alt-podsec-usernetes-policy.yaml': { cis: OK, falco: [3, 4, 5, 6, 7, 9, 10], 'who-did-what': range(18, 34) },
  'banzaicloud-pke-audit-v1beta1.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'calico-enterprise-apiserver-audit-policy.yaml': {
    cis: [...all(7), ...range(13, 26)],
    falco: all(34),
    'who-did-what': all(34),
  },
  'canonical-k8s-snap-disa-stig-audit-policy.yaml': { cis: all(12), falco: OK, 'who-did-what': OK },
  'charmed-kubernetes-control-plane-default.yaml': { cis: all(12), falco: OK, 'who-did-what': OK },
  'cloudnative-pg-e2e-audit-policy.yaml': {
    cis: [...all(7), ...range(13, 26)],
    falco: all(34),
    'who-did-what': all(34),
  },
  'datadog-docs-audit-policy.yaml': { cis: OK, falco: [3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'eks-anywhere-audit-policy-v1-generated.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'eks-anywhere-audit-policy-v1beta1.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'fairwinds-insights-plugins-audit-policy.yaml': { cis: OK, falco: [1, 2, 3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'falco-k8saudit-audit-policy.yaml': { cis: [8, 9, 10, 11], falco: [10], 'who-did-what': OK },
  'gce-master-audit-policy-2017-no-apiversion.yaml': { cis: 'refused', falco: 'refused', 'who-did-what': 'refused' },
  'gce-master-audit-policy.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'giantswarm-cluster-audit-policy.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'hypershift-kas-audit-config-default.yaml': { cis: OK, falco: [1, 2, 3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'imjasonh-rbac-audit-kind-policy.yaml': {
    cis: [...all(7), ...range(13, 26)],
    falco: all(34),
    'who-did-what': all(34),
  },
  'k8s-website-audit-policy.yaml': { cis: OK, falco: [4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'kubekey-audit-policy.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'kubermatic-preset-minimal.yaml': {
    cis: OK,
    falco: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 19, 22, 24, 25, 26, 27, 28, 29, 33, 34],
    'who-did-what': [3, 6, 10, 11, 12, 13, 14, 15, 16, 17, 20, 23, 27, 28, 29, 30, 31, 32, 33, 34],
  },
  'kubermatic-preset-recommended.yaml': { cis: OK, falco: [3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'kubespray-apiserver-audit-policy.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
  'minikube-tutorial-audit-policy.yaml': { cis: OK, falco: [1, 2, 3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'neondatabase-autoscaling-audit-policy.yaml': {
    cis: OK,
    falco: [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 18, 19, 24, 28, 29],
    'who-did-what': [13, 14, 15, 16, 30, 31, 32, 33],
  },
  'openshift-4.x-kube-apiserver-default-v1beta1.yaml': {
    cis: OK,
    falco: [1, 2, 3, 4, 5, 6, 7, 9, 10],
    'who-did-what': OK,
  },
  'openshift-library-go-allrequestbodies.yaml': { cis: [8, 9, 10, 11], falco: OK, 'who-did-what': OK },
  'openshift-library-go-default.yaml': { cis: OK, falco: [1, 2, 3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'openshift-library-go-multiplecr.yaml': { cis: [8, 9, 10, 11], falco: [33], 'who-did-what': OK },
  'openshift-library-go-writerequestbodies.yaml': { cis: [9, 10, 11], falco: OK, 'who-did-what': OK },
  'rke2-default-audit-policy.yaml': { cis: [...all(7), ...range(13, 26)], falco: all(34), 'who-did-what': all(34) },
  'selectel-mks-audit-policy.yaml': {
    cis: [1, 2, 3, 22, 24, 25, 26],
    falco: [3, 4, 5, 6, 32, 33, 34],
    'who-did-what': OK,
  },
  'talos-manifest-test-multidoc.yaml': { cis: OK, falco: [1, 2, 3, 4, 5, 6, 7, 9, 10], 'who-did-what': OK },
  'tanzu-tkg-clusterclass-vsphere-audit-policy.yaml': { cis: OK, falco: [4, 5, 6], 'who-did-what': OK },
};

/** kube-apiserver versions that load each file: audit.k8s.io/v1beta1 only up to 1.23. */
export function loadingMinor(text: string): number {
  return /^apiVersion:\s*audit\.k8s\.io\/v1beta1/m.test(text) ? 23 : 36;
}
