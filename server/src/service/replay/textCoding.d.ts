// The web-platform globals replay uses to turn bytes into text and back (the WHATWG Encoding
// standard, provided by Node and by every browser). The layers compile without Node's and the
// DOM's types (tsconfig.layer.json), so the members used are declared here; tsconfig.json, which
// has Node's types, leaves this file out.
interface TextDecoder {
  decode(input?: Uint8Array): string;
}

declare var TextDecoder: {
  new (label?: string, options?: { fatal?: boolean }): TextDecoder;
};

interface TextEncoder {
  encode(input?: string): Uint8Array;
}

declare var TextEncoder: {
  new (): TextEncoder;
};

/** Forgiving base64 (the HTML standard's `atob`): each character of the result is one byte. */
declare function atob(data: string): string;
