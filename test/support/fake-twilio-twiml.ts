/**
 * A small reader for the TwiML our app answers with (well-formed XML from twilio-node's
 * VoiceResponse): elements, attributes, text and the five XML entities. No XML parser is a
 * dependency of the project, and TwiML needs no more than this.
 */
export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  children: TwimlNode[];
  /** Text directly inside, SSML tags stripped (what a caller would hear). */
  text: string;
}

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:-]+)\s*=\s*"([^"]*)"/g;

export function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e]) return named[e]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** The <Response> element of a TwiML document; throws on anything else (the test should fail loudly). */
export function parseTwiml(xml: string): TwimlNode {
  const root: TwimlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: TwimlNode[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const [, close, open, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (close) {
      if (top.name !== close) throw new Error(`TwiML: </${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1]!] = decodeXml(a[2]!);
      const node: TwimlNode = { name: open, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (text) {
      // SSML inside <Say> (prosody, break …) is spoken text: collect it on the nearest verb.
      const verb = [...stack].reverse().find((n) => /^[A-Z]/.test(n.name)) ?? top;
      verb.text += decodeXml(text);
    }
  }
  if (stack.length !== 1) throw new Error(`TwiML: <${stack[stack.length - 1]!.name}> is not closed`);
  const response = root.children[0];
  if (!response || response.name !== 'Response' || root.children.length !== 1) throw new Error(`TwiML: expected one <Response>, got ${xml.slice(0, 200)}`);
  return response;
}

/** Every element named `name` under `node`, depth first. */
export function findAll(node: TwimlNode, name: string): TwimlNode[] {
  const found: TwimlNode[] = [];
  for (const child of node.children) {
    if (child.name === name) found.push(child);
    found.push(...findAll(child, name));
  }
  return found;
}
