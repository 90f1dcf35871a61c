// A generated doc page (docs/protocols.md, docs/output-format.md): written, or with `--check` only
// compared with the committed file (exit 1 when out of date, naming the npm script that fixes it).
import { readFileSync, writeFileSync } from 'node:fs';

export function writeOrCheck(relPath, text, npmScript) {
  const target = new URL(`../${relPath}`, import.meta.url);
  if (!process.argv.includes('--check')) {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${relPath} (${text.length} characters)\n`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // no file yet: out of date
  }
  if (committed !== text) {
    process.stderr.write(`${relPath} is out of date: run npm run ${npmScript}\n`);
    process.exit(1);
  }
}
