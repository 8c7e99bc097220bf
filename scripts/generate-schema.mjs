// Builds schemas/audit-policy.schema.json from the field catalogue the server uses
// (server/src/service/catalogue/), so the schema can never drift from what we check.
//
//   node scripts/generate-schema.mjs           write the schema
//   node scripts/generate-schema.mjs --check   exit 1 if the file is out of date
//
// The catalogue is TypeScript: esbuild bundles a tiny entry that re-exports it, and the
// bundle is imported from a data: URL (no temporary files, nothing to clean up).

import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(repo, 'schemas', 'audit-policy.schema.json');

async function loadCatalogue() {
  const entry = `
    export { FIELDS } from './server/src/service/catalogue/fields.ts';
    export { LEVELS, STAGES, API_VERSION, POLICY_KIND } from './server/src/service/catalogue/values.ts';
    export { OBJECT_META_FIELDS } from './server/src/service/catalogue/metadata.ts';
    export { OLDEST_MINOR, NEWEST_MINOR } from './server/src/service/catalogue/versions.ts';
    export { groupsFor } from './server/src/service/catalogue/apiResources.ts';
  `;
  const built = await esbuild.build({
    stdin: { contents: entry, resolveDir: repo, loader: 'ts', sourcefile: 'catalogue-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'error',
  });
  const code = built.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

// Hover in editors shows markdownDescription when it can, description otherwise.
function plain(md) {
  return md.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
}

function described(schema, md) {
  return { description: plain(md), markdownDescription: md, ...schema };
}

function enumOf(values) {
  return {
    type: 'string',
    enum: values.map((v) => v.value),
    enumDescriptions: values.map((v) => plain(v.doc)),
    markdownEnumDescriptions: values.map((v) => v.doc),
  };
}

export function buildSchema(cat) {
  // Built-in API groups and resources of the newest Kubernetes version, from the generated API
  // catalogue: offered as examples (editors complete them), never as an enum, since CRD and
  // aggregated groups are as valid.
  const groups = cat.groupsFor(cat.NEWEST_MINOR);
  const groupExamples = groups.map((g) => g.name);
  const resourceExamples = [
    ...new Set(
      groups.flatMap((g) => g.resources.flatMap((r) => [r.name, ...r.subresources.map((s) => `${r.name}/${s}`)])),
    ),
  ].sort();
  const valueSchema = (f) => {
    if (f.context === 'groupResources' && f.name === 'group') return { type: 'string', examples: groupExamples };
    if (f.context === 'groupResources' && f.name === 'resources')
      return { type: 'array', items: { type: 'string', examples: resourceExamples } };
    switch (f.type) {
      case 'string':
        if (f.context === 'policy' && f.name === 'apiVersion') return { type: 'string', enum: [cat.API_VERSION] };
        if (f.context === 'policy' && f.name === 'kind') return { type: 'string', enum: [cat.POLICY_KIND] };
        return { type: 'string' };
      case 'stringList':
        return { type: 'array', items: { type: 'string' } };
      case 'boolean':
        return { type: 'boolean' };
      case 'level':
        return { $ref: '#/definitions/Level' };
      case 'stageList':
        return { type: 'array', items: { $ref: '#/definitions/Stage' } };
      case 'ruleList':
        return { type: 'array', minItems: 1, items: { $ref: '#/definitions/PolicyRule' } };
      case 'groupResourcesList':
        return { type: 'array', items: { $ref: '#/definitions/GroupResources' } };
      case 'object':
        // ObjectMeta: the audit system ignores it, but the decoder drops unknown keys.
        return {
          type: 'object',
          properties: Object.fromEntries(cat.OBJECT_META_FIELDS.map((k) => [k, {}])),
          additionalProperties: false,
        };
      default:
        throw new Error(`catalogue field ${f.context}.${f.name} has unknown type ${f.type}`);
    }
  };
  const objectOf = (context, md) => {
    const fields = cat.FIELDS.filter((f) => f.context === context);
    const properties = {};
    for (const f of fields) {
      let doc = f.doc;
      if (f.sinceMinor && f.sinceMinor > cat.OLDEST_MINOR) doc += ` Since Kubernetes 1.${f.sinceMinor}.`;
      if (f.required) {
        const why = f.default.replace(/^none: ?/, '');
        doc += why === 'required' || !why ? '\n\nRequired.' : `\n\nRequired: ${why}.`;
      } else {
        doc += `\n\nWhen absent: ${f.default}.`;
      }
      // A $ref with siblings is ignored by strict draft-07 readers: keep the text on a wrapper.
      const v = valueSchema(f);
      properties[f.name] = v.$ref ? described({ allOf: [v] }, doc) : described(v, doc);
    }
    const required = fields.filter((f) => f.required).map((f) => f.name);
    return {
      ...(md ? described({}, md) : {}),
      type: 'object',
      ...(required.length ? { required } : {}),
      additionalProperties: false,
      properties,
    };
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes audit Policy (audit.k8s.io/v1)',
    $comment: 'Generated by scripts/generate-schema.mjs from server/src/service/catalogue/. Do not edit by hand.',
    ...objectOf(
      'policy',
      'The audit policy kube-apiserver reads from `--audit-policy-file`. It maps each request to the audit level it is recorded at; the first matching rule wins.',
    ),
    definitions: {
      Level: enumOf(cat.LEVELS),
      Stage: enumOf(cat.STAGES),
      PolicyRule: objectOf(
        'rule',
        'Maps requests, by their metadata, to a level. A request must satisfy **every** field that is set.',
      ),
      GroupResources: objectOf('groupResources', 'An API group and resources in it.'),
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = `${JSON.stringify(buildSchema(await loadCatalogue()), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error('schemas/audit-policy.schema.json is out of date: run node scripts/generate-schema.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${path.relative(repo, out)}`);
  }
}
