// The language service imports no editor, no LSP connection and no Node built-in: only `yaml`,
// `vscode-languageserver-types` and `vscode-languageserver-textdocument`. The layer configs
// (tsconfig.layer.json `paths`) send every other package here, so that importing one fails with
// "File '.../not-for-the-service.d.ts' is not a module". Features that need more belong in
// server/src/lsp or server/src/cli (docs/ARCHITECTURE.md).
