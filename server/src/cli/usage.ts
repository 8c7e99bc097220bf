// Errors the user can fix by changing the command line or the input: exit code 2, one line.
export class UsageError extends Error {}
