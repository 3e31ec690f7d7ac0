// Parses Mermaid diagrams with Mermaid itself and prints what it understood.
// Input (stdin): a JSON list of diagram texts. Output (stdout): a JSON list with, per diagram,
// {"error": message} or {"type", "classes": [{id, label, annotations, members}],
// "relations": [{from, to, title, cardinality}]}.
// Mermaid wants a DOM even to parse (it sanitizes text on the way): jsdom provides one.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    results.push({
      type: diagram.type,
      classes: [...db.getClasses().values()].map((c) => ({
        id: c.id,
        label: c.label,
        annotations: c.annotations,
        members: c.members.map((m) => m.getDisplayDetails().displayText),
      })),
      relations: db.getRelations().map((r) => ({
        from: r.id1,
        to: r.id2,
        title: r.title,
        cardinality: r.relationTitle2,
      })),
    });
  } catch (error) {
    results.push({ error: String((error && error.message) || error) });
  }
}
process.stdout.write(JSON.stringify(results));
