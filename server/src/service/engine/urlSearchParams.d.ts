// The one web-platform global the service uses, to read a request's query string (the WHATWG URL
// standard, provided by Node and by every browser). The layers compile without Node's and the
// DOM's types (tsconfig.layer.json), so the members used are declared here; tsconfig.json, which
// has Node's types, leaves this file out.
interface URLSearchParams {
  get(name: string): string | null;
  getAll(name: string): string[];
}

declare var URLSearchParams: {
  new (init?: string): URLSearchParams;
};
