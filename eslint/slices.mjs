// Boundaries between the parts of the code, as ESLint rules (issue 15):
// - slices/no-cycle: the feature folders of lib/ (lib/<slice>/) must not import each other in a
//   circle. The graph of which slice imports which is read once from the files; an import that
//   closes a circle is reported with the way back.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");

/** The slice a file of lib/ belongs to: its folder, or the file itself at lib/'s top. */
export function sliceOf(file) {
  const rel = path.relative(LIB, file);
  if (rel.startsWith("..")) return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length ? first : first.replace(/\.tsx?$/, "");
}

function targetOf(fromFile, source) {
  if (source.startsWith("@/lib/")) return path.join(LIB, source.slice("@/lib/".length));
  if (source.startsWith(".")) return path.resolve(path.dirname(fromFile), source);
  return null;
}

let graph = null;
/** slice → slices it imports (test files and generated code left out). */
function sliceGraph() {
  if (graph) return graph;
  graph = new Map();
  const files = readdirSync(LIB, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("generated") && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(LIB, f));
  for (const file of files) {
    const from = sliceOf(file);
    const text = readFileSync(file, "utf8");
    // Type-only imports move no code: they cannot close a circle at run time, and are left out.
    for (const [, source] of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^"'`]*?from\s*["']([^"']+)["']/gm)) {
      const target = targetOf(file, source);
      const to = target && sliceOf(target);
      if (to && to !== from) {
        if (!graph.has(from)) graph.set(from, new Set());
        graph.get(from).add(to);
      }
    }
  }
  return graph;
}

/** A path of slices from `from` to `to`, or null. */
function pathBetween(from, to) {
  const g = sliceGraph();
  const seen = new Set([from]);
  const queue = [[from]];
  while (queue.length) {
    const trail = queue.shift();
    const last = trail.at(-1);
    if (last === to) return trail;
    for (const next of g.get(last) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...trail, next]);
      }
    }
  }
  return null;
}

const noCycle = {
  meta: { type: "problem", docs: { description: "lib/ slices do not import each other in a circle" }, schema: [] },
  create(context) {
    const file = context.filename;
    const from = sliceOf(file);
    if (!from || /\.test\.tsx?$/.test(file)) return {};
    const check = (node) => {
      if (node.importKind === "type" || node.exportKind === "type") return;
      const source = node.source?.value;
      const target = typeof source === "string" && targetOf(file, source);
      const to = target && sliceOf(target);
      if (!to || to === from) return;
      const back = pathBetween(to, from);
      if (back)
        context.report({
          node,
          message: `lib/${from} imports lib/${to}, which imports lib/${from} back (${back.join(" → ")}): move what both need down a level.`,
        });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { "no-cycle": noCycle } };
