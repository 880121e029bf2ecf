// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`) offline, in two passes:
//  1. every object against the JSON schema of its kind: Kubernetes' own (kubernetes-models), the operators'
//     custom resources (CloudNativePG, KEDA, Prometheus Operator packages) and Strimzi's (schemas/strimzi/, which
//     no package publishes); an object of a kind with no schema is an error, never skipped;
//  2. TypeScript's excess-property check on every object typed by a package, so that an unknown or misspelt
//     field (`readinesProbe`) fails as it would under `kubectl apply --validate=strict`.
// Usage: node validate-k8s.mjs rendered-dev.yaml rendered-prod.yaml ...
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));

// apiVersion -> the module whose classes (runtime schema) and interfaces (TypeScript) describe that group/version.
const MODULES = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "postgresql.cnpg.io/v1": "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1",
  "keda.sh/v1alpha1": "@kubernetes-models/keda/keda.sh/v1alpha1",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

const strimziAjv = new Ajv({ allErrors: true, strict: true });
const strimziSchema = (file) => JSON.parse(readFileSync(join(here, "schemas", "strimzi", file), "utf8"));
strimziAjv.addSchema(strimziSchema("common.json"));
const STRIMZI = {
  "kafka.strimzi.io/v1 Kafka": strimziAjv.compile(strimziSchema("kafka.json")),
  "kafka.strimzi.io/v1 KafkaNodePool": strimziAjv.compile(strimziSchema("kafka-node-pool.json")),
  "kafka.strimzi.io/v1 KafkaTopic": strimziAjv.compile(strimziSchema("kafka-topic.json")),
  "kafka.strimzi.io/v1 KafkaUser": strimziAjv.compile(strimziSchema("kafka-user.json")),
};

const errors = [];
const typed = []; // { label, module, kind, object } for the TypeScript pass
let count = 0;

for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      errors.push(`${basename(file)}: YAML error: ${doc.errors[0].message}`);
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    count++;
    const label = `${basename(file)}: ${object.kind}/${object.metadata?.name}`;
    const strimzi = STRIMZI[`${object.apiVersion} ${object.kind}`];
    if (strimzi) {
      if (!strimzi(object)) {
        for (const e of strimzi.errors) errors.push(`${label}: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
      }
      continue;
    }
    const module = MODULES[object.apiVersion];
    const models = module && await import(module);
    const Model = models?.[object.kind];
    if (!Model) {
      errors.push(`${label}: no schema for ${object.apiVersion} ${object.kind}; add it to validate-k8s.mjs`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      errors.push(`${label}: ${e.message}`);
    }
    typed.push({ label, module, kind: object.kind, object });
  }
}

// Pass 2: one TypeScript file, one typed constant per object and per line, so an error's line names its object.
// It lives below this folder so that TypeScript resolves the packages; one folder per run, so runs may overlap.
const work = join(here, ".generated", String(process.pid));
mkdirSync(work, { recursive: true });
const lines = typed.map((t, i) => `import type { I${t.kind} as T${i} } from "${t.module}/${t.kind}";`);
const firstObjectLine = lines.length + 1;
typed.forEach((t, i) => lines.push(`export const o${i}: T${i} = ${JSON.stringify(t.object)};`));
writeFileSync(join(work, "manifests.ts"), lines.join("\n") + "\n");
writeFileSync(join(work, "tsconfig.json"), JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true, types: [] },
  files: ["manifests.ts"],
}));
try {
  execFileSync(process.execPath, [join(here, "node_modules", "typescript", "bin", "tsc"), "-p", join(work, "tsconfig.json")],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
} catch (e) {
  const output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
  const found = [...output.matchAll(/manifests\.ts\((\d+),\d+\): error (TS\d+: .*)/g)];
  for (const [, line, message] of found) {
    const index = Number(line) - firstObjectLine;
    errors.push(`${typed[index]?.label ?? `manifests.ts line ${line}`}: ${message}`);
  }
  if (found.length === 0) errors.push(`TypeScript check failed: ${output.trim() || e.message}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (errors.length > 0) {
  console.error(`${errors.length} problem(s) in ${count} Kubernetes objects:`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log(`${count} Kubernetes objects valid (schemas and unknown fields)`);
