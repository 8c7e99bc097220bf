// The documents the language server is sent (start.ts) and the commands act on. The server itself
// decides which of them are or hold an audit policy; the others get nothing.

/** Source files, whose string literals may hold a policy (a Go test's raw string, a Python script's
 *  triple-quoted one, a Nix module's `''` string, a Puppet heredoc): the server reads only their
 *  strings, and in a file whose text never says "audit" it only searches for the word. */
const SOURCE_LANGUAGES: readonly string[] = [
  'go',
  'python',
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'ruby',
  'java',
  'kotlin',
  'rust',
  'nix',
  'puppet',
  'jsonnet',
];

export const SERVED_LANGUAGES: readonly string[] = [
  'yaml',
  'markdown',
  // Documentation pages whose code blocks may show a policy: AsciiDoc's `[source,yaml]` listings and
  // reStructuredText's `.. code-block:: yaml` (the AsciiDoc and reStructuredText extensions' names).
  'asciidoc',
  'restructuredtext',
  'shellscript',
  'terraform',
  // HashiCorp's extension names `.tfvars` files so; a variable's value may be a policy.
  'terraform-vars',
  'dockerfile',
  // Other extensions' names for YAML that may be or hold a policy: Helm chart templates (the
  // Kubernetes extension), Ansible playbooks and roles (Red Hat's), GitHub Actions workflows (a
  // `run:` script's here-document), Jinja and ERB templates of YAML. With one of those extensions
  // installed, such a file is not `yaml`, and was not checked.
  'helm',
  'ansible',
  'github-actions-workflow',
  'jinja-yaml',
  'erb',
  // The SaltStack extension's Salt states (`.sls`: YAML through Jinja, or the renderer their first
  // line names).
  'sls',
  // A policy written as JSON, which kube-apiserver reads as well.
  'json',
  // HCL files other than Terraform's (HashiCorp's HCL extension).
  'hcl',
  ...SOURCE_LANGUAGES,
];

/** Languages whose own servers colour the whole file with semantic tokens (TypeScript's, gopls,
 *  rust-analyzer, terraform-ls, the Ansible server...). VS Code shows the tokens of one provider for
 *  a whole file (the first answer that has any, getSemanticTokens.ts), and ours colour only the
 *  policy inside: they would blank the rest. In these files we give none (start.ts). */
export const COLOURED_BY_THEIR_OWN_SERVER: ReadonlySet<string> = new Set([
  'terraform',
  'terraform-vars',
  'hcl',
  'ansible',
  ...SOURCE_LANGUAGES,
]);

/** Templates of YAML files, whatever language the editor gives them (without an extension for
 *  ERB or Mako they are plain text): the server masks their directives (service embedded/templates).
 *  Opening plain text does not start the extension, so package.json also activates it on a workspace
 *  that contains such a file (`workspaceContains:` with these patterns). */
export const YAML_TEMPLATES: readonly string[] = [
  '**/*.{yaml,yml}.{erb,epp,mako,mak,j2,jinja,jinja2,tpl,tmpl,gotmpl,tftpl}',
  '**/*.sls',
];

/** A language or a file pattern: the shape both VS Code's and the language client's selectors take. */
type Filter = { readonly language: string } | { readonly pattern: string };

export const DOCUMENT_SELECTOR: readonly Filter[] = [
  ...SERVED_LANGUAGES.map((language) => ({ language })),
  ...YAML_TEMPLATES.map((pattern) => ({ pattern })),
];
