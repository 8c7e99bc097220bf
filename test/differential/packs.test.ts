// The requirement packs' findings on the real corpus, rebuilt from kube-apiserver's own answers:
// the oracle (kube-apiserver 1.20.2's loader and checker) gives every pack case's level and
// omitted stages, each expectation is judged on them, and the result must be the table the unit
// test holds (test/unit/policyTest/packTable.ts). Run by npm run test:differential.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import { PACK_NAMES, requirementPack } from '../../server/src/service';
import { NOT_REDISTRIBUTABLE, SHARED_DIR, realCorpus } from '../helpers/corpus';
import { Oracle } from '../helpers/oracle';
import { PACK_TABLE } from '../unit/policyTest/packTable';

const RANK = ['None', 'Metadata', 'Request', 'RequestResponse'];
const oracle = new Oracle();
after(() => oracle.close());

// The redistributable files are fixtures of every clone; only the others need ../shared.
const corpus = realCorpus();
for (const file of Object.keys(NOT_REDISTRIBUTABLE).filter((name) => !corpus.some((c) => c.name === name)))
  test(
    `${file}: the packs find what kube-apiserver's answers say`,
    {
      skip: `${file} is not redistributable and ${SHARED_DIR} is absent`,
    },
    () => {},
  );

for (const { name: file, text } of corpus) {
  test(`${file}: the packs find what kube-apiserver's answers say`, async () => {
    for (const name of PACK_NAMES) {
      const pack = requirementPack(name)!;
      const requests = pack.cases.map((c) => {
        const r = c.request!;
        return {
          ...(r.user !== undefined ? { user: r.user } : {}),
          groups: r.groups,
          verb: r.verb,
          apiGroup: r.apiGroup,
          apiVersion: r.apiVersion || 'v1',
          namespace: r.namespace,
          resource: r.resource,
          subresource: r.subresource,
          name: r.name,
          path: r.path,
          resourceRequest: r.resourceRequest,
        };
      });
      const answer = await oracle.ask(text, requests);
      if (answer.loadError !== null) {
        assert.equal(PACK_TABLE[file][name as 'cis'], 'refused', `${file}: ${answer.loadError}`);
        continue;
      }
      const failing = pack.cases
        .filter((c, i) => {
          const { level, omitStages } = answer.results[i];
          const e = c.expect;
          const rank = RANK.indexOf(level ?? 'None');
          return (
            (e.level !== undefined && level !== e.level) ||
            (e.minLevel !== undefined && rank < RANK.indexOf(e.minLevel)) ||
            (e.maxLevel !== undefined && rank > RANK.indexOf(e.maxLevel)) ||
            ((e.recordedStages ?? []).length > 0 &&
              (level === 'None' || e.recordedStages!.some((s) => omitStages.includes(s))))
          );
        })
        .map((c) => c.index + 1);
      assert.deepEqual(failing, PACK_TABLE[file][name as 'cis'], `${file} ${name}`);
    }
  });
}
