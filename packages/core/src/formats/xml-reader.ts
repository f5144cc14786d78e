/**
 * A small streaming XML reader for the parts of .docx and .xlsx files. It is written as a
 * single forward scan (every search starts where the previous one ended), so its running time
 * is linear in the input whatever the input is. It resolves namespaces, decodes the five
 * predefined entities and character references, and never expands DTD entities.
 */

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export type XmlName = {
  /** The name as written, with its prefix (`w:t`). */
  qname: string;
  /** The namespace URI, or '' when the name is in no namespace. */
  ns: string;
  /** The name without its prefix (`t`). */
  local: string;
};

export type XmlAttribute = XmlName & { value: string };

export type XmlElement = XmlName & { attrs: XmlAttribute[] };

export type XmlHandler = {
  /** A start tag; a self-closing tag is reported as `open` then `close`. */
  open?: (element: XmlElement) => void;
  close?: (element: XmlElement) => void;
  /** Character data inside the root element, entities decoded (CDATA sections as written). */
  text?: (text: string) => void;
};

/** The input is not well-formed XML. `offset` is a UTF-16 offset into the parsed string. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}

/** The value of the attribute with this local name (and namespace, when given). */
export function attrValue(element: XmlElement, local: string, ns?: string): string | undefined {
  for (const attr of element.attrs) {
    if (attr.local === local && (ns === undefined || attr.ns === ns)) return attr.value;
  }
  return undefined;
}

/** Decodes XML bytes: UTF-16 when they start with a UTF-16 byte-order mark, UTF-8 otherwise. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Longest entity body we look at (`#x10FFFF` is 8 characters; `#1114111` is 8). */
const MAX_ENTITY_LENGTH = 10;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function characterReference(body: string): string | null {
  const hex = body.charCodeAt(1) === 0x78; // #x
  const digits = body.slice(hex ? 2 : 1);
  if (digits.length === 0) return null;
  for (let k = 0; k < digits.length; k++) {
    const code = digits.charCodeAt(k);
    if (hex ? !isHexDigit(code) : !isDigit(code)) return null;
  }
  const point = Number.parseInt(digits, hex ? 16 : 10);
  if (point <= 0 || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return null;
  return String.fromCodePoint(point);
}

function entityValue(body: string): string | null {
  if (body.charCodeAt(0) === 0x23) return characterReference(body);
  return Object.hasOwn(NAMED_ENTITIES, body) ? (NAMED_ENTITIES[body] ?? null) : null;
}

/**
 * Replaces `&amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;`. Anything else that starts with `&` is
 * kept as written. Looks at most a few characters past each `&`, so it stays linear.
 */
export function decodeXmlEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  let out = '';
  let copied = 0;
  while (amp >= 0) {
    let next = amp + 1;
    const limit = Math.min(text.length, amp + 2 + MAX_ENTITY_LENGTH);
    for (let k = amp + 1; k < limit; k++) {
      if (text.charCodeAt(k) !== 0x3b) continue; // ;
      const value = entityValue(text.slice(amp + 1, k));
      if (value !== null) {
        out += text.slice(copied, amp) + value;
        copied = k + 1;
        next = k + 1;
      }
      break;
    }
    amp = text.indexOf('&', next);
  }
  return out + text.slice(copied);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Ends a tag or attribute name: whitespace, `/`, `>`, `=`. */
function endsName(code: number): boolean {
  return isSpace(code) || code === 0x2f || code === 0x3e || code === 0x3d;
}

type OpenElement = { element: XmlElement; declared: string[] | null };

/** Skips a `<!DOCTYPE …>` declaration (with an internal subset) and returns the offset after it. */
function skipDoctype(xml: string, from: number): number {
  let depth = 0;
  let quote = 0;
  for (let k = from; k < xml.length; k++) {
    const code = xml.charCodeAt(k);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) quote = code;
    else if (code === 0x5b) depth++;
    else if (code === 0x5d) depth--;
    else if (code === 0x3e && depth <= 0) return k + 1;
  }
  throw new XmlSyntaxError('unterminated DOCTYPE', from);
}

/** Reads `xml` from start to end, calling `handler` for elements and text. */
export function parseXml(xml: string, handler: XmlHandler): void {
  const n = xml.length;
  const open: OpenElement[] = [];
  const namespaces = new Map<string, string[]>([['xml', [XML_NAMESPACE]]]);

  const lookup = (prefix: string): string | undefined => {
    const stack = namespaces.get(prefix);
    return stack === undefined ? undefined : stack[stack.length - 1];
  };

  // An undeclared prefix is tolerated and resolves to no namespace.
  const namespaceOf = (qname: string, colon: number, isElement: boolean): string => {
    if (colon < 0) return isElement ? (lookup('') ?? '') : '';
    return lookup(qname.slice(0, colon)) ?? '';
  };

  const closeElement = (): void => {
    const top = open.pop();
    if (top === undefined) return;
    handler.close?.(top.element);
    if (top.declared === null) return;
    for (const prefix of top.declared) namespaces.get(prefix)?.pop();
  };

  const emitText = (text: string): void => {
    if (open.length > 0 && text.length > 0) handler.text?.(decodeXmlEntities(text));
  };

  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      emitText(xml.slice(i));
      break;
    }
    if (lt > i) emitText(xml.slice(i, lt));
    const next = xml.charCodeAt(lt + 1);

    if (next === 0x3f) {
      // <? … ?>
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlSyntaxError('unterminated processing instruction', lt);
      i = end + 2;
      continue;
    }

    if (next === 0x21) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) throw new XmlSyntaxError('unterminated comment', lt);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', lt);
        if (open.length > 0 && end > lt + 9) handler.text?.(xml.slice(lt + 9, end));
        i = end + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt)) {
        i = skipDoctype(xml, lt + 9);
      } else {
        throw new XmlSyntaxError('unexpected "<!"', lt);
      }
      continue;
    }

    if (next === 0x2f) {
      // </name>
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) throw new XmlSyntaxError('unterminated end tag', lt);
      const qname = xml.slice(lt + 2, end).trim();
      const top = open[open.length - 1];
      if (top === undefined || top.element.qname !== qname) {
        throw new XmlSyntaxError(`unexpected end tag </${qname}>`, lt);
      }
      closeElement();
      i = end + 1;
      continue;
    }

    // <name attr="value" …> or <name … />
    let j = lt + 1;
    while (j < n && !endsName(xml.charCodeAt(j))) j++;
    if (j === lt + 1) throw new XmlSyntaxError('missing tag name', lt);
    const qname = xml.slice(lt + 1, j);
    const raw: Array<[string, string]> = [];
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) throw new XmlSyntaxError(`unterminated tag <${qname}>`, lt);
      const code = xml.charCodeAt(j);
      if (code === 0x3e) {
        j++;
        break;
      }
      if (code === 0x2f) {
        if (xml.charCodeAt(j + 1) !== 0x3e) throw new XmlSyntaxError('expected "/>"', j);
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n && !endsName(xml.charCodeAt(j))) j++;
      if (j === nameStart) throw new XmlSyntaxError('missing attribute name', j);
      const name = xml.slice(nameStart, j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 0x3d) throw new XmlSyntaxError(`attribute ${name} has no value`, j);
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const quote = xml.charCodeAt(j);
      if (quote !== 0x22 && quote !== 0x27) throw new XmlSyntaxError(`attribute ${name} is not quoted`, j);
      const end = xml.indexOf(quote === 0x22 ? '"' : "'", j + 1);
      if (end < 0) throw new XmlSyntaxError(`unterminated value of attribute ${name}`, j);
      raw.push([name, decodeXmlEntities(xml.slice(j + 1, end))]);
      j = end + 1;
    }

    let declared: string[] | null = null;
    for (const [name, value] of raw) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      const stack = namespaces.get(prefix);
      if (stack === undefined) namespaces.set(prefix, [value]);
      else stack.push(value);
      if (declared === null) declared = [];
      declared.push(prefix);
    }
    const attrs: XmlAttribute[] = [];
    for (const [name, value] of raw) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const colon = name.indexOf(':');
      attrs.push({ qname: name, ns: namespaceOf(name, colon, false), local: name.slice(colon + 1), value });
    }
    const colon = qname.indexOf(':');
    const element: XmlElement = {
      qname,
      ns: namespaceOf(qname, colon, true),
      local: qname.slice(colon + 1),
      attrs,
    };
    open.push({ element, declared });
    handler.open?.(element);
    if (selfClosing) closeElement();
    i = j;
  }

  const unclosed = open[open.length - 1];
  if (unclosed !== undefined) throw new XmlSyntaxError(`unclosed <${unclosed.element.qname}>`, n);
}
