// The languages of the documents the language server is sent (start.ts) and the commands act on.

export const SERVED_LANGUAGES: readonly string[] = [
  'yaml',
  'markdown',
  'shellscript',
  'terraform',
  // HashiCorp's extension names `.tfvars` files so; a variable's value may be a policy.
  'terraform-vars',
  'dockerfile',
];
