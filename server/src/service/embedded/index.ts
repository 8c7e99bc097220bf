// Audit policies where they live: inside ConfigMaps, Cluster API and kops manifests, Talos and RKE
// configs, Markdown docs and templates. See docs/EMBEDDED.md.
export {
  createHostDocument,
  hostFormat,
  hostVerdictPending,
  policyAt,
  settledHost,
  YAML_TEMPLATE_NAME,
} from './hostDocument';
export type { EmbeddedPolicy, HostDocument, HostOptions } from './hostDocument';
export type { Region } from './region';
export { HOST_PATHS } from './hostPaths';
export { RegionTranslator } from './translate';
export { replayRegion } from './replayRegion';
export { DOCUMENTATION_PAGE_PATH, pageBlocks } from './pageBlocks';
export type { PageBlock } from './pageBlocks';
export { policyLabel } from './policyLabel';
export { selectionProblem, selectPolicy } from './selectPolicy';
export type { NoPolicySelected, PolicySelection, WhichPolicy } from './selectPolicy';
export {
  hostCodeActions,
  hostComplete,
  hostDiagnostics,
  hostExplain,
  hostFixAll,
  hostHover,
  hostInlayHints,
  hostSemanticTokens,
  hostSymbols,
  refusalCount,
  translatorAt,
  translators,
} from './features';
