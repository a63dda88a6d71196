/**
 * YAML lets an alias sit inside the node its anchor names (`data: &x {self: *x}`), and the yaml
 * package turns that into a value that contains itself. Kubernetes refuses such a document (Go's
 * YAML reader: "anchor 'x' value contains itself"), and every walk of the value (a deep copy, a
 * merge, a scrub) would never end: readers check with this before anything walks a value.
 */

/** True when the value contains itself somewhere below; shared (non-circular) parts are fine. */
export function isSelfReferential(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const done = new Set<object>();
  const onPath = new Set<object>();
  const stack: { node: object; children: unknown[]; next: number }[] = [];
  const enter = (node: object) => {
    onPath.add(node);
    stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0 });
  };
  enter(value);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.children.length) {
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
      continue;
    }
    const child = top.children[top.next++];
    if (typeof child !== 'object' || child === null || done.has(child)) continue;
    if (onPath.has(child)) return true;
    enter(child);
  }
  return false;
}
