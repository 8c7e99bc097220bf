import type { Finding } from '../decode/finding';
import type { DocumentCheck } from './check';
export declare const checkYamlSyntax: DocumentCheck;
export declare function syntaxFinding(start: number, end: number, message: string): Finding;
