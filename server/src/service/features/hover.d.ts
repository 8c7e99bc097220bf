import type { Hover, Position } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
export declare function doHover(doc: PolicyDocument, position: Position, settings: ServiceSettings): Hover | null;
