// Stackcenter's own lint rule, `stackcenter/import-boundaries` (docs/architecture.md):
// - lib/ never imports app/ or components/ (data and rules don't depend on routes or views);
// - components/ never imports a module that declares `import "server-only"` (a view gets its data
//   from the page that renders it), type-only imports excepted;
// - a domain reaches another domain's files only outside its `internal/` folder;
// - a `domain/` folder (rules) never imports its sibling `wire/` folder (bytes), e.g. the usage
//   ingest's lib/usage/ingest/{domain,wire} (docs/architecture.md).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", "/index.ts", "/index.tsx"];
const serverOnlyCache = new Map();

function resolveTarget(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  if (existsSync(base) && !existsSync(path.join(base, "index.ts"))) return base;
  for (const extension of EXTENSIONS) if (existsSync(base + extension)) return base + extension;
  return base;
}

function declaresServerOnly(file) {
  if (!serverOnlyCache.has(file)) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      // not a file we can read: not ours to judge
    }
    serverOnlyCache.set(file, /^import\s+["']server-only["'];?\s*$/m.test(text));
  }
  return serverOnlyCache.get(file);
}

const area = (file) => path.relative(ROOT, file).split(path.sep);

/** `target` lies in the `wire/` folder beside a `domain/` folder that holds `file`. */
function wireOfDomain(file, target) {
  const from = area(file);
  const to = area(target);
  const at = from.indexOf("domain");
  return at > 0 && to.length > at && to[at] === "wire" && from.slice(0, at).every((part, i) => to[i] === part);
}

const importBoundaries = {
  meta: {
    type: "problem",
    docs: {
      description:
        "Keeps the layers apart: lib/ ↛ app/ or components/; components/ ↛ server-only modules; no other domain's internal/; domain/ ↛ its sibling wire/.",
    },
    schema: [],
    messages: {
      libToUi: "lib/ must not import {{target}}: data and rules never depend on routes or views (docs/architecture.md).",
      serverOnlyInComponent: "components/ must not import {{target}}, a server-only module: load the data in the page and pass it down.",
      otherDomainInternal: "{{target}} is internal to its domain: use that domain's public files.",
      domainToWire: "{{target}} is wire (bytes) code: a domain/ folder maps records and never depends on how they are encoded (docs/architecture.md).",
    },
  },
  create(context) {
    const file = context.filename;
    const [top, domain] = area(file);
    function check(node, specifier, typeOnly) {
      const target = resolveTarget(specifier, file);
      if (!target) return;
      const [targetTop, targetDomain, ...rest] = area(target);
      const shown = path.relative(ROOT, target);
      if (top === "lib" && (targetTop === "app" || targetTop === "components")) {
        context.report({ node, messageId: "libToUi", data: { target: shown } });
      } else if (top === "components" && !typeOnly && targetTop === "lib" && declaresServerOnly(target)) {
        context.report({ node, messageId: "serverOnlyInComponent", data: { target: shown } });
      } else if (targetTop === "lib" && rest.includes("internal") && !(top === "lib" && domain === targetDomain)) {
        context.report({ node, messageId: "otherDomainInternal", data: { target: shown } });
      } else if (wireOfDomain(file, target)) {
        context.report({ node, messageId: "domainToWire", data: { target: shown } });
      }
    }
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal" && typeof node.source.value === "string") check(node, node.source.value, false);
      },
    };
  },
};

const stackcenterPlugin = { meta: { name: "stackcenter" }, rules: { "import-boundaries": importBoundaries } };

export default stackcenterPlugin;
