// The editing features the server offers, each in its own file. Add a feature here and its
// capabilities in featureCapabilities. A feature that needs Node (replay reads log files) is not
// listed here: node/main.ts hands it to startServer, so the Web Worker server never loads it.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver';
import type { LspFeature } from '../context';
import { codeActionsCapabilities, codeActionsFeature } from './codeActions';
import { completionCapabilities, completionFeature } from './completion';
import { hoverCapabilities, hoverFeature } from './hover';
import { semanticTokensCapabilities, semanticTokensFeature } from './semanticTokens';
import { symbolsCapabilities, symbolsFeature } from './symbols';
import { explainFeature } from './explain';
import { ruleNumbersCapabilities, ruleNumbersFeature } from './ruleNumbers';
import { statusFeature } from './status';
import { policyTestsCapabilities, policyTestsFeature } from './policyTests';
import { diffFeature } from './diff';

export const FEATURES: readonly LspFeature[] = [
  completionFeature,
  hoverFeature,
  codeActionsFeature,
  symbolsFeature,
  semanticTokensFeature,
  explainFeature,
  ruleNumbersFeature,
  statusFeature,
  policyTestsFeature,
  diffFeature,
];

export function featureCapabilities(_client: ClientCapabilities): Partial<ServerCapabilities> {
  return {
    ...completionCapabilities(),
    ...hoverCapabilities(),
    ...codeActionsCapabilities(),
    ...symbolsCapabilities(),
    ...semanticTokensCapabilities(),
    ...ruleNumbersCapabilities(),
    ...policyTestsCapabilities(_client),
  };
}
