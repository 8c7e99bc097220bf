// Positions both ways on every character of every region of every host fixture: a policy offset
// goes to the host character it was decoded from and back to itself, and every host offset inside
// a region lands inside the policy.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SourceMap } from '../../../server/src/service/embedded/sourceMap';
import { templateDialect } from '../../../server/src/service/embedded/tagTemplates';
import { maskTemplates } from '../../../server/src/service/embedded/templates';
import { fixtureNames, hostOf } from './support';

/** What a host slice decodes to in a region of this encoding. */
function decodes(slice: string, kind: string): string {
  // A line break, and the next line's indentation, which the policy does not hold.
  if (/^(\r\n|\r|\n)[ ]*$/.test(slice)) return '\n';
  if (kind === 'double' && slice.startsWith('\\')) return JSON.parse(`"${slice}"`) as string;
  if (kind === 'single' && slice === "''") return "'";
  return slice;
}

for (const name of fixtureNames()) {
  test(`${name}: every policy character maps to its host character and back`, () => {
    const host = hostOf(name);
    // Template directives are masked before anything reads the host (templates.ts).
    const hostText = maskTemplates(host.text, templateDialect(name, host.text)).text;
    for (const { region } of host.policies) {
      const { map, text } = region;
      for (let o = 0; o < text.length; o++) {
        const from = map.toHost(o);
        const to = map.toHost(o + 1);
        // A final line break that a file without one still gets has no host character.
        if (to === from) continue;
        assert.equal(
          map.toRegion(from),
          o,
          `${region.hostPath}: offset ${o} (${JSON.stringify(text[o])}) does not come back`,
        );
        assert.equal(
          decodes(hostText.slice(from, to), region.encoding.kind),
          text[o],
          `${region.hostPath}: offset ${o}`,
        );
      }
      for (let h = map.hostStart; h <= map.hostEnd; h++) {
        const o = map.toRegion(h);
        assert.ok(o !== undefined && o >= 0 && o <= text.length, `${region.hostPath}: host offset ${h} is lost`);
      }
      assert.equal(map.toRegion(map.hostStart - 1), undefined);
      assert.equal(map.toRegion(map.hostEnd + 1), undefined);
    }
  });
}

test('a CRLF host: each line break is two host characters and one policy character', () => {
  const text = [
    'kind: ConfigMap',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metadat',
    '',
  ].join('\r\n');
  const host = hostOf('crlf.yaml', text);
  const { region } = host.policies[0];
  assert.equal(region.text, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadat\n');
  const at = region.text.indexOf('Metadat');
  assert.equal(host.text.slice(region.map.toHost(at), region.map.toHost(at + 7)), 'Metadat');
  const newline = region.text.indexOf('\n');
  assert.match(host.text.slice(region.map.toHost(newline), region.map.toHost(newline + 1)), /^\r\n *$/);
});

test('block scalar indicators: an explicit indentation, strip and keep chomping', () => {
  for (const header of ['|1', '|-', '|+', '|1-', '>-']) {
    const text = `data:\n  policy: ${header}\n    apiVersion: audit.k8s.io/v1\n    kind: Policy\n    rules:\n    - level: None\n\nother: 1\n`;
    const host = hostOf('indicators.yaml', text);
    const { region } = host.policies[0] ?? { region: undefined };
    if (header === '>-') {
      assert.equal(region, undefined, 'a folded scalar joins the lines: what it holds is no policy');
      continue;
    }
    assert.ok(region, header);
    const at = region.text.indexOf('None');
    assert.equal(host.text.slice(region.map.toHost(at), region.map.toHost(at + 4)), 'None', header);
    // `|1`: the content is indented one column more than the mapping that holds `policy` (2), so
    // each line keeps one of its four spaces.
    if (header.startsWith('|1')) assert.ok(region.text.startsWith(' apiVersion'), header);
    else assert.ok(region.text.startsWith('apiVersion'), header);
  }
});

test('a composed map (a block in a Markdown fence) agrees with the two maps it is made of', () => {
  const inner = new SourceMap(
    [
      { region: 0, regionLength: 3, host: 5, hostLength: 3 },
      { region: 3, regionLength: 1, host: 8, hostLength: 2 },
    ],
    4,
  );
  const outer = new SourceMap(
    [
      { region: 0, regionLength: 6, host: 10, hostLength: 6 },
      { region: 6, regionLength: 10, host: 20, hostLength: 10 },
    ],
    16,
  );
  const both = inner.within(outer);
  for (let o = 0; o <= 4; o++) assert.equal(both.toHost(o), outer.toHost(inner.toHost(o)), `offset ${o}`);
});
