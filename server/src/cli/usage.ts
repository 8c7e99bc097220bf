// Errors the user can fix by changing the command line or the input: exit code 2, one line.
export class UsageError extends Error {}

export const USAGE = `usage:
  kube-audit-policy lint [--format text|json|sarif] [--kubernetes-version 1.X] [--severity CODE=LEVEL]... PATH...
  kube-audit-policy explain --policy FILE [--embedded-at PATH] [--format text|json] [--kubernetes-version 1.X]
      ( [--user U] [--group G]... --verb V [--namespace NS] [--api-group G] [--api-version V]
        [--resource R] [--subresource S] [--name N] [--path /url]
      | [USER] METHOD /path )
  kube-audit-policy replay --policy FILE [--against FILE] [--format text|json|markdown|html] [--events]
      [--kubernetes-version 1.X] LOG...
  kube-audit-policy test [--format text|json|junit] [--policy FILE] [--kubernetes-version 1.X] [FILE|DIR]...
  kube-audit-policy test --pack cis|falco|who-did-what --policy FILE [--format text|json|junit]
  kube-audit-policy test --generate --policy FILE [--output FILE] LOG...
  kube-audit-policy diff [--format text|markdown|json] OLD NEW

lint checks audit policy files as kube-apiserver reads them, and the policies that YAML and Markdown
files hold (ConfigMaps, Cluster API, kops, Talos, RKE, fenced blocks). PATH is a file, a directory
(searched for YAML and Markdown files that are or hold audit policies) or - for standard input.
Exit 0: no errors; 1: errors found; 2: bad usage or unreadable input.
LEVEL is error, warning, information, hint or off.

explain says which rule decides a request, at which level, and why the rules above it did not
match. In a file that holds several policies, --embedded-at names one (as lint prints it). The
request is a resource request when --resource is given, else a non-resource request for --path; it
has an authenticated user only when --user (or USER) is given.

replay decides every event of audit logs as kube-apiserver did with the policy: which rule made it,
what each rule costs, rules that matched nothing, and with --against what the other policy would
write instead. LOG is a log backend file (one event per line), a .gz file, - for standard input;
webhook EventList batches and AKS diagnostic records are read too. --events prints one JSON line
per event instead of the report.

test runs policy test files (*.audit-test.yaml; a DIR is searched for them, the default is .) or
the requirement packs against a policy. Exit 0: every case passes; 1: a case fails; 2: bad usage,
an unreadable file or a test file with errors. --generate writes a test file pinning what the
policy does today for each kind of request in LOG (request lines, one per line).

diff lists every class of requests recorded differently by NEW than by OLD (level, omitted stages
or deciding rule), with an example request each. OLD and NEW are files or git:REV:PATH.
Exit 0: no change; 1: changes; 2: bad usage or unreadable input.`;
