/**
 * The parse half of a small Go text/template (https://pkg.go.dev/text/template) with the Flux
 * Operator's `<< >>` delimiters: the subset ResourceSets are written in (fields of `inputs`,
 * pipelines, if/else, range, with, variables, `<<-` and `->>` trims, comments). Anything else throws
 * a TemplateRefused naming the construct, so that the caller makes nothing rather than a guess.
 */

/** A construct the evaluator does not run, or one the operator's own build stops at. */
export class TemplateRefused extends Error {}

export type Arg =
  | { k: 'chain'; base: { dot: true } | { variable: string } | { fn: string } | { pipe: Pipe }; fields: string[] }
  | { k: 'fn'; name: string }
  | { k: 'lit'; value: unknown };
export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Arg[][];
}
export type Node =
  | { k: 'text'; text: string }
  | { k: 'action'; pipe: Pipe }
  | { k: 'if' | 'range' | 'with'; pipe: Pipe; list: Node[]; elseList: Node[] };

const LEFT = '<<';
const RIGHT = '>>';

/** The template's tree. Throws TemplateRefused for what it does not parse. */
export function parseTemplate(text: string): Node[] {
  const pieces = split(text);
  let i = 0;
  // A list up to `end` or `else` (returned as its terminator).
  const list = (): { nodes: Node[]; end: string | null; rest: string[] } => {
    const nodes: Node[] = [];
    while (i < pieces.length) {
      const p = pieces[i++]!;
      if (p.k === 'text') {
        if (p.text !== '') nodes.push({ k: 'text', text: p.text });
        continue;
      }
      const toks = lex(p.text);
      if (toks.length === 0) throw new TemplateRefused('an empty action (<< >>)');
      const head = toks[0]!;
      if (head === 'end') return { nodes, end: 'end', rest: [] };
      if (head === 'else') return { nodes, end: 'else', rest: toks.slice(1) };
      if (head === 'if' || head === 'range' || head === 'with') {
        nodes.push(control(head, toks.slice(1)));
        continue;
      }
      if (['template', 'define', 'block', 'break', 'continue'].includes(head)) throw new TemplateRefused(`it uses ${head}`);
      nodes.push({ k: 'action', pipe: pipeline(toks) });
    }
    return { nodes, end: null, rest: [] };
  };
  const control = (kind: 'if' | 'range' | 'with', toks: string[]): Node => {
    const pipe = pipeline(toks, kind === 'range');
    const body = list();
    if (body.end === null) throw new TemplateRefused(`its ${kind} has no end`);
    let elseList: Node[] = [];
    if (body.end === 'else') {
      // `else if ...` / `else with ...`: a nested control whose `end` is this one's.
      if (body.rest.length > 0) {
        const nested = body.rest[0]!;
        if (nested !== kind || kind === 'range') throw new TemplateRefused(`it uses else ${nested}`);
        elseList = [control(nested, body.rest.slice(1))];
      } else {
        const rest = list();
        if (rest.end !== 'end') throw new TemplateRefused(`its ${kind} has no end`);
        elseList = rest.nodes;
      }
    }
    return { k: kind, pipe, list: body.nodes, elseList };
  };
  const out = list();
  if (out.end !== null) throw new TemplateRefused(`an ${out.end} without its if, range or with`);
  return out.nodes;
}

/** Text and action pieces, with the `<<-` / `->>` trims done and comments dropped. */
function split(text: string): ({ k: 'text'; text: string } | { k: 'action'; text: string })[] {
  const out: ({ k: 'text'; text: string } | { k: 'action'; text: string })[] = [];
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const at = text.indexOf(LEFT, pos);
    let chunk = at < 0 ? text.slice(pos) : text.slice(pos, at);
    if (trimNext) chunk = chunk.replace(/^[ \t\r\n]+/, '');
    if (at < 0) {
      out.push({ k: 'text', text: chunk });
      return out;
    }
    let start = at + LEFT.length;
    // Go's trim marker is "- " (a dash and a space) right after the delimiter.
    if (/^-[ \t\r\n]/.test(text.slice(start, start + 2))) {
      chunk = chunk.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    out.push({ k: 'text', text: chunk });
    const close = findClose(text, start);
    if (close < 0) throw new TemplateRefused('an action without its >>');
    let end = close;
    trimNext = false;
    if (end - 2 >= start && /[ \t\r\n]-$/.test(text.slice(end - 2, end))) {
      trimNext = true;
      end -= 2;
    }
    const body = text.slice(start, end).trim();
    if (!(body.startsWith('/*') && body.endsWith('*/'))) out.push({ k: 'action', text: body });
    pos = close + RIGHT.length;
  }
}

/** The `>>` that closes an action, past any `>>` inside its quoted strings. */
function findClose(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === '`') quote = c;
    else if (text.startsWith(RIGHT, i)) return i;
  }
  return -1;
}

/** Tokens of one action: words, strings (kept quoted), `(`, `)`, `|`, `:=`, `=`, `,`. */
function lex(body: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < body.length && body[j] !== c) j += c === '"' && body[j] === '\\' ? 2 : 1;
      if (j >= body.length) throw new TemplateRefused('an unterminated string');
      toks.push(body.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === "'") throw new TemplateRefused('it uses a character constant');
    if ('()|,'.includes(c)) {
      toks.push(c);
      i++;
      continue;
    }
    if (body.startsWith(':=', i)) {
      toks.push(':=');
      i += 2;
      continue;
    }
    if (c === '=') {
      toks.push('=');
      i++;
      continue;
    }
    // A word runs to the next space or punctuation; a field chain after `)` joins on (`(x).a`).
    let j = i;
    while (j < body.length && !/[\s()|,=]/.test(body[j]!) && !body.startsWith(':=', j)) j++;
    toks.push(body.slice(i, j));
    i = j;
  }
  return toks;
}

/** `$x := a | b c`, or in a range `$i, $v := list`. */
function pipeline(toks: string[], range = false): Pipe {
  let decl: string[] = [];
  let assign = false;
  const op = toks.findIndex((t) => t === ':=' || t === '=');
  if (op >= 0) {
    const names = toks.slice(0, op).filter((t) => t !== ',');
    if (names.length === 0 || names.length > (range ? 2 : 1) || !names.every((n) => /^\$\w*$/.test(n))) throw new TemplateRefused('it declares variables in a way the site does not read');
    decl = names;
    assign = toks[op] === '=';
    toks = toks.slice(op + 1);
  }
  const cmds: Arg[][] = [];
  let cur: Arg[] = [];
  let i = 0;
  const term = (): Arg => {
    const t = toks[i++]!;
    if (t === '(') {
      let depth = 1;
      const start = i;
      while (i < toks.length && depth > 0) {
        if (toks[i] === '(') depth++;
        else if (toks[i] === ')') depth--;
        i++;
      }
      if (depth !== 0) throw new TemplateRefused('unbalanced parentheses');
      const inner = pipeline(toks.slice(start, i - 1));
      // `(pipeline).field.field`: the lexer left the chain as the next word.
      const next = toks[i];
      const fields = next !== undefined && next.startsWith('.') ? (i++, chainOf(next)) : [];
      return { k: 'chain', base: { pipe: inner }, fields };
    }
    if (t === ')' || t === ',' || t === ':=' || t === '=') throw new TemplateRefused(`an unexpected "${t}"`);
    return word(t);
  };
  while (i < toks.length) {
    if (toks[i] === '|') {
      if (cur.length === 0) throw new TemplateRefused('an empty command in a pipeline');
      cmds.push(cur);
      cur = [];
      i++;
      continue;
    }
    cur.push(term());
  }
  if (cur.length === 0) throw new TemplateRefused('an empty command in a pipeline');
  cmds.push(cur);
  return { decl, assign, cmds };
}

const chainOf = (t: string): string[] => {
  const parts = t.split('.').slice(1);
  if (parts.some((p) => !/^\w+$/.test(p))) throw new TemplateRefused(`it reads "${t}"`);
  return parts;
};

function word(t: string): Arg {
  if (t.startsWith('"')) {
    try {
      return { k: 'lit', value: JSON.parse(t) as string };
    } catch {
      throw new TemplateRefused(`a string the site does not read (${t})`);
    }
  }
  if (t.startsWith('`')) return { k: 'lit', value: t.slice(1, -1) };
  if (t === 'true' || t === 'false') return { k: 'lit', value: t === 'true' };
  if (t === 'nil') throw new TemplateRefused('it uses nil');
  // Integers are Go ints (bigint here); an input's number is a float64 (a JS number): Go keeps them apart.
  if (/^-?\d+$/.test(t)) return { k: 'lit', value: BigInt(t) };
  if (/^[-+.\d]/.test(t) && !t.startsWith('.')) throw new TemplateRefused(`it uses the number ${t}`);
  if (t === '.') return { k: 'chain', base: { dot: true }, fields: [] };
  if (t.startsWith('.')) return { k: 'chain', base: { dot: true }, fields: chainOf(t) };
  if (t.startsWith('$')) {
    const dot = t.indexOf('.');
    const name = dot < 0 ? t : t.slice(0, dot);
    if (!/^\$\w*$/.test(name)) throw new TemplateRefused(`it reads "${t}"`);
    return { k: 'chain', base: { variable: name }, fields: dot < 0 ? [] : chainOf(t.slice(dot)) };
  }
  const dot = t.indexOf('.');
  const name = dot < 0 ? t : t.slice(0, dot);
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new TemplateRefused(`it reads "${t}"`);
  // A function's result with fields (`inputs.tenant`: the operator's `inputs` function, then a key).
  if (dot >= 0) return { k: 'chain', base: { fn: name }, fields: chainOf(t.slice(dot)) };
  return { k: 'fn', name };
}
