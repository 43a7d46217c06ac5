// extract.mjs writes the schemas the fake GitHub is checked against, taken
// from the @octokit/openapi npm package. It downloads nothing: install the
// package yourself, then run
//
//	node extract.mjs /tmp/octo/node_modules/@octokit/openapi/generated/api.github.com.json .
//
// Each output file is a self-contained JSON Schema (draft 2020-12): the root
// is one component, and every component it refers to is copied into $defs.
// OpenAPI 3.0's `nullable: true` becomes a "null" type (or a null enum
// member, or an anyOf with {"type":"null"}). Documentation keywords and x-*
// extensions are dropped. To keep the files small, a component listed in
// `served` keeps only its required properties plus those the fake sends;
// the others keep all. Validation of what the fake sends is unchanged.
import { readFileSync, writeFileSync } from "node:fs";

const [input, outDir = "."] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(input, "utf8"));
const components = spec.components.schemas;

const user = ["login", "id", "node_id", "avatar_url", "gravatar_id", "url", "html_url", "followers_url",
  "following_url", "gists_url", "starred_url", "subscriptions_url", "organizations_url", "repos_url",
  "events_url", "received_events_url", "type", "site_admin", "user_view_type"];
const issue = ["id", "node_id", "url", "repository_url", "labels_url", "comments_url", "events_url",
  "html_url", "timeline_url", "number", "state", "state_reason", "title", "body", "user", "labels",
  "assignee", "assignees", "milestone", "locked", "active_lock_reason", "comments", "pull_request",
  "closed_at", "created_at", "updated_at", "draft", "author_association", "reactions"];
const event = ["id", "node_id", "url", "actor", "event", "commit_id", "commit_url", "created_at",
  "performed_via_github_app", "label", "state_reason"];
const repository = ["id", "node_id", "name", "full_name", "owner", "private", "html_url", "url",
  "description", "fork", "default_branch", "visibility", "archived", "disabled", "has_issues",
  "open_issues_count", "created_at", "updated_at", "pushed_at"];

// served lists, per component, the properties the fake sends.
const served = {
  "simple-user": user, "nullable-simple-user": user, "team-member": user, "public-user": user,
  "issue": issue, "nullable-issue": issue,
  "label": ["id", "node_id", "url", "name", "description", "color", "default"],
  "issue-comment": ["id", "node_id", "url", "html_url", "issue_url", "user", "author_association",
    "created_at", "updated_at", "body", "reactions"],
  "reaction": ["id", "node_id", "user", "content", "created_at"],
  "issue-event": [...event, "issue"],
  "labeled-issue-event": event, "unlabeled-issue-event": event, "state-change-issue-event": event,
  "issue-event-label": ["name", "color"],
  "full-repository": repository,
  "rate-limit-overview": ["resources", "rate"], "rate-limit": ["limit", "remaining", "reset", "used"],
  "basic-error": ["message", "documentation_url", "url", "status"],
  "validation-error": ["message", "documentation_url", "errors"],
};

// overrides change a component where the description does not fit the fake.
const overrides = {
  // The fake serves a minimal repository: only these are required.
  "full-repository": (s) => ({ ...s, required: repository }),
  // Only the kinds the fake serves on an issue's own events list. GitHub's
  // anyOf leaves out state-change-issue-event (closed, reopened), which
  // components defines; it is added here.
  "issue-event-for-issue": (s) => ({ ...s, anyOf: ["labeled-issue-event", "unlabeled-issue-event",
    "state-change-issue-event"].map((n) => ({ $ref: `#/components/schemas/${n}` })) }),
};

const files = ["issue", "issue-comment", "issue-event", "issue-event-for-issue", "simple-user",
  "team-member", "label", "full-repository", "rate-limit-overview", "basic-error", "validation-error", "public-user", "reaction"];

const dropped = new Set(["description", "example", "examples", "externalDocs", "xml", "discriminator"]);

function convert(s, name, defs, queue) {
  if (Array.isArray(s)) return s.map((x) => convert(x, undefined, defs, queue));
  if (s === null || typeof s !== "object") return s;
  if (s.$ref) {
    const ref = s.$ref.replace("#/components/schemas/", "");
    if (!(ref in defs)) { defs[ref] = null; queue.push(ref); }
    return { $ref: `#/$defs/${ref}` };
  }
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (dropped.has(k) || k.startsWith("x-") || k === "nullable") continue;
    if (k === "properties") {
      const keep = new Set([...(s.required || []), ...(served[name] || Object.keys(v))]);
      out.properties = {};
      for (const [p, ps] of Object.entries(v)) {
        if (keep.has(p)) out.properties[p] = convert(ps, undefined, defs, queue);
      }
    } else {
      out[k] = convert(v, undefined, defs, queue);
    }
  }
  if (s.nullable === true) {
    if (out.enum) out.enum = [...out.enum, null];
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (!out.type) return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

for (const root of files) {
  const defs = { [root]: null };
  const queue = [root];
  while (queue.length) {
    const n = queue.shift();
    const s = overrides[n] ? overrides[n](components[n]) : components[n];
    defs[n] = convert(s, n, defs, queue);
  }
  const doc = { $schema: "https://json-schema.org/draft/2020-12/schema",
    $comment: `${spec.info.title} ${spec.info.version}, components/schemas/${root}`,
    $ref: `#/$defs/${root}`, $defs: defs };
  writeFileSync(`${outDir}/${root}.json`, JSON.stringify(doc, null, 1) + "\n");
}
