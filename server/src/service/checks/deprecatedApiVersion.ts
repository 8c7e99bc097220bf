// deprecated-api-version: kube-apiserver 1.21 to 1.23 still decode audit.k8s.io/v1beta1 and
// v1alpha1 and warn; 1.24 removed them (invalid-api-version from then on).
import { API_VERSION } from '../catalogue/values';
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import type { DocumentCheck } from './check';
import { declaredApiVersion, REMOVED_VERSIONS } from './invalidApiVersion';

export const checkDeprecatedApiVersion: DocumentCheck = (parsed, minor) => {
  if (minor < VERSION_FACTS.betaDeprecatedMinor || minor >= VERSION_FACTS.betaRemovedMinor) return [];
  const field = declaredApiVersion(parsed);
  const value = field?.wrongType ? undefined : field?.pair?.value;
  if (!value || !REMOVED_VERSIONS.includes(value.value)) return [];
  const version = value.value;
  return [
    {
      code: 'deprecated-api-version',
      start: value.start,
      end: value.end,
      path: 'apiVersion',
      message: `${version} is deprecated since Kubernetes ${formatMinor(VERSION_FACTS.betaDeprecatedMinor)} and removed in ${formatMinor(VERSION_FACTS.betaRemovedMinor)}; kube-apiserver ${formatMinor(minor)} loads it with a warning. Use ${API_VERSION}.`,
      data: { suggestion: API_VERSION },
    },
  ];
};
