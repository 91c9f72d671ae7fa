// The operations relay-compiler wrote into ARTIFACTS: name, kind and the exact text a
// Relay application sends (or the id of its persisted text). Fragments (reader artifacts) carry no text and are left out.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const directory = process.env.ARTIFACTS;
const operations = [];
for (const file of readdirSync(directory).sort()) {
  const artifact = require(join(directory, file));
  if (artifact.kind === 'Request') {
    // `id` instead of `text` when the compiler persisted the operation (persistConfig).
    const { name, operationKind, text, id } = artifact.params;
    operations.push({ name, operationKind, text, id });
  }
}
process.stdout.write(`${JSON.stringify({ operations })}\n`);
