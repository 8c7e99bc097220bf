// Rules that most policies start from, offered as snippets where a new rule can begin. Bodies are
// written without the leading `- ` and at column 0; completion indents them to the cursor.

export interface RuleSnippet {
  readonly label: string;
  readonly detail: string;
  readonly body: readonly string[];
}

export const RULE_SNIPPETS: readonly RuleSnippet[] = [
  {
    label: 'rule',
    detail: 'A new rule',
    body: ['level: ${1|None,Metadata,Request,RequestResponse|}', '$0'],
  },
  {
    label: 'rule: Metadata for secrets, configmaps and tokenreviews',
    detail: 'Record who read or changed secrets, configmaps and token reviews, never their contents',
    body: [
      'level: Metadata',
      'resources:',
      '- group: ""',
      '  resources: ["secrets", "configmaps"]',
      '- group: "authentication.k8s.io"',
      '  resources: ["tokenreviews"]',
    ],
  },
  {
    label: 'rule: None for health checks',
    detail: 'Do not record health, liveness, readiness and version checks',
    body: ['level: None', 'nonResourceURLs: ["/healthz*", "/livez*", "/readyz*", "/version"]'],
  },
  {
    label: 'rule: None for kube-proxy watches',
    detail: 'Do not record kube-proxy watching endpoints and services',
    body: [
      'level: None',
      'users: ["system:kube-proxy"]',
      'verbs: ["watch"]',
      'resources:',
      '- group: ""',
      '  resources: ["endpoints", "services", "services/status"]',
    ],
  },
  {
    label: 'rule: RequestResponse for deletes of one pod in one namespace',
    detail: 'Record request and response bodies of deletes of one pod',
    body: [
      'level: RequestResponse',
      'namespaces: ["${1:prod-namespace}"]',
      'verbs: ["delete"]',
      'resources:',
      '- group: ""',
      '  resources: ["pods"]',
      '  resourceNames: ["${2:webapp-pod}"]',
    ],
  },
  {
    label: 'rule: catch-all',
    detail: 'Record the metadata of every other request (put it last: the first matching rule wins)',
    body: ['level: ${1|Metadata,None,Request,RequestResponse|}', 'omitStages: ["RequestReceived"]'],
  },
];

/** The snippet text with every line after the first indented to `column`. */
export function indentSnippet(body: readonly string[], column: number): string {
  const pad = ' '.repeat(column);
  return body.map((line, i) => (i === 0 || line === '' ? line : pad + line)).join('\n');
}

/** The text a snippet inserts when every placeholder keeps its default and tab stops are dropped. */
export function withoutPlaceholders(snippet: string): string {
  return snippet.replace(
    /\$\{\d+\|([^,|]+)[^}]*\}|\$\{\d+:([^}]*)\}|\$\d/g,
    (_m, choice?: string, text?: string) => choice ?? text ?? '',
  );
}
