// Imported first by main.ts, so that V8 is tuned before anything else is loaded: the young
// generation grows from 1 to 2 MB semi-spaces while vscode-languageserver and the service load,
// and a growth kept is 2 MB of the server's memory for its whole life (v8Flags.ts).
import { tuneV8 } from './v8Flags';

tuneV8(process.execArgv, process.env.NODE_OPTIONS);
