/**
 * The corpus score (not a test): the share of the facts a careful reader finds in real task lists
 * (packages/core/test/fixtures/notices/corpus/) that the parser gets, per document and in total.
 * `npm run corpus -- --misses` also lists every missed fact; `npm run corpus -- 23` (a number or a
 * part of a name) scores only the matching documents.
 */
import { corpusDocuments, scoreDocument } from '../packages/core/test/helpers/corpus.ts';

const args = process.argv.slice(2);
const misses = args.includes('--misses');
const only = args.filter((a) => !a.startsWith('--'));
const docs = corpusDocuments().filter((d) => only.length === 0 || only.some((o) => d.name.includes(o)));

let found = 0;
let total = 0;
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
console.log(
  'corpus score: expected facts found (head, sections, tasks, their sections, units, leads, deadlines)',
);
for (const doc of docs) {
  const score = scoreDocument(doc);
  found += score.found;
  total += score.total;
  const kinds = doc.expected.kinds.length > 0 ? `  [${doc.expected.kinds.join(', ')}]` : '';
  console.log(
    `${pct(score.found, score.total).padStart(7)}  ${String(score.found).padStart(4)}/${String(score.total).padEnd(4)} ${doc.name}${kinds}`,
  );
  if (misses)
    for (const f of score.facts.filter((x) => !x.found))
      console.log(`           ✗ ${f.what}${f.got !== undefined ? `  (got: ${f.got})` : ''}`);
}
console.log(`${pct(found, total).padStart(7)}  ${found}/${total} in ${docs.length} documents`);
