// A policy a file is or holds, made ready for replay by the command line and the editor alike: the
// report names the region it came from (policyLabel) and gives its rules' host lines; a policy kept
// encoded (base64) has no host lines.
import type { Position } from 'vscode-languageserver-types';
import type { CompiledPolicy } from '../engine/evaluate';
import { replayPolicy } from '../features/replayPolicy';
import type { PolicyInfo } from '../replay/report';
import { policyLabel } from './policyLabel';
import type { RegionTranslator } from './translate';

/** The policy under `t`, from the file the user calls `fileName`. */
export function replayRegion(t: RegionTranslator, fileName: string): { compiled: CompiledPolicy; info: PolicyInfo } {
  const place = (position: Position): Position | undefined => (t.encoded ? undefined : t.toHostPosition(position));
  return replayPolicy(t.policy.doc, policyLabel(fileName, t.policy), place);
}
