// The graphql-http GraphQL over HTTP audit against a live gateway.
// Usage: GRAPHQL_URL=http://127.0.0.1:PORT/graphql AUDIT_TOKEN=crm_... node audit.mjs
// Prints every audit, then counts per level; exits 1 if any audit fails: the gateway meets
// every MUST, SHOULD and MAY, so a MAY lost is a regression too (one went unseen once).
import { serverAudits } from "graphql-http";

const url = process.env.GRAPHQL_URL;
const token = process.env.AUDIT_TOKEN;
if (!url) {
  console.error("GRAPHQL_URL is required");
  process.exit(2);
}

// Every audit request carries the token, as a real client of the gateway would.
function fetchWithToken(input, init = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const audits = serverAudits({ url, fetchFn: fetchWithToken });
const results = [];
for (const audit of audits) {
  results.push(await audit.fn());
}

const levels = ["MUST", "SHOULD", "MAY"];
const counts = Object.fromEntries(levels.map((level) => [level, { passed: 0, failed: 0 }]));
for (const result of results) {
  const level = result.name.split(" ")[0];
  const ok = result.status === "ok";
  counts[level] ??= { passed: 0, failed: 0 };
  counts[level][ok ? "passed" : "failed"] += 1;
  const mark = ok ? "ok  " : result.status.padEnd(4);
  console.log(`${mark} ${result.id} ${result.name}${ok ? "" : `\n       ${result.reason}`}`);
}

console.log("");
const summary = levels.map((level) => {
  const { passed, failed } = counts[level];
  return `${level} ${passed}/${passed + failed}`;
});
const okCount = results.filter((r) => r.status === "ok").length;
console.log(`graphql-http audit: ${okCount} of ${results.length} ok (${summary.join(", ")})`);
for (const level of levels) {
  const left = results.filter((r) => r.status !== "ok" && r.name.startsWith(level));
  if (left.length) console.log(`${level} not met: ${left.map((r) => r.id).join(", ")}`);
}
process.exit(levels.some((level) => counts[level].failed > 0) ? 1 : 0);
