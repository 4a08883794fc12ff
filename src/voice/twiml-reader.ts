/**
 * Reads back the TwiML our own webhooks answer with (well-formed XML from twilio-node's
 * VoiceResponse), for the phone simulator, which plays a call as Twilio would. Only the verbs we
 * write: Say (SSML inside is spoken text), Gather, Dial, Record, Hangup. Not a general XML parser.
 */
export type TwimlVerb =
  | { verb: 'say'; text: string }
  | { verb: 'gather'; action: string; say: string[] }
  | { verb: 'dial'; number: string; action: string | null }
  | { verb: 'record'; action: string | null }
  | { verb: 'hangup' };

interface Node { name: string; attrs: Record<string, string>; children: Node[]; text: string }

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([\w:-]+)\s*=\s*"([^"]*)"/g;

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e]) return named[e]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parse(xml: string): Node {
  const root: Node = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  for (const m of xml.matchAll(TOKEN)) {
    const [, close, open, attrText, selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (close) {
      if (top.name !== close) throw new Error(`TwiML: </${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(ATTR)) attrs[a[1]!] = decodeXml(a[2]!);
      const node: Node = { name: open, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (text) {
      // SSML inside <Say> (prosody) is spoken text: it belongs to the nearest TwiML verb.
      const verb = [...stack].reverse().find((n) => /^[A-Z]/.test(n.name)) ?? top;
      verb.text += decodeXml(text);
    }
  }
  const response = root.children.find((n) => n.name === 'Response');
  if (stack.length !== 1 || !response) throw new Error('TwiML: no well-formed <Response>');
  return response;
}

/** The <Response>'s verbs in order. */
export function readTwiml(xml: string): TwimlVerb[] {
  return parse(xml).children.flatMap((n): TwimlVerb[] => {
    switch (n.name) {
      case 'Say': return [{ verb: 'say', text: n.text.trim() }];
      case 'Gather': return [{ verb: 'gather', action: n.attrs.action ?? '', say: n.children.filter((c) => c.name === 'Say').map((c) => c.text.trim()) }];
      case 'Dial': return [{ verb: 'dial', number: n.text.trim(), action: n.attrs.action ?? null }];
      case 'Record': return [{ verb: 'record', action: n.attrs.action ?? null }];
      case 'Hangup': return [{ verb: 'hangup' }];
      default: return [];
    }
  });
}
