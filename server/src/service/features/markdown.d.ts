import type { ApiGroup, ApiResource } from '../catalogue/apiResources';
import type { FieldSpec } from '../catalogue/fields';
import type { ValueSpec } from '../catalogue/values';
export declare function fieldMarkdown(field: FieldSpec): string;
/** A level, stage or verb: its kind in a heading and its meaning. */
export declare function valueMarkdown(what: string, spec: ValueSpec): string;
export declare function groupLabel(name: string): string;
export declare function groupMarkdown(group: ApiGroup): string;
export declare function resourceMarkdown(group: ApiGroup, resource: ApiResource, subresource?: string): string;
export declare function wildcardMarkdown(form: string, group: string): string;
