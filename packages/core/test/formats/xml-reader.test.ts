import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attrValue,
  decodeXmlBytes,
  decodeXmlEntities,
  parseXml,
  XML_NAMESPACE,
  type XmlElement,
  XmlSyntaxError,
} from '../../src/formats/xml-reader.ts';

type Event = ['open', string, string, Record<string, string>] | ['close', string] | ['text', string];

function events(xml: string): Event[] {
  const out: Event[] = [];
  parseXml(xml, {
    open: (e: XmlElement) =>
      out.push(['open', e.local, e.ns, Object.fromEntries(e.attrs.map((a) => [a.qname, a.value]))]),
    close: (e) => out.push(['close', e.local]),
    text: (t) => out.push(['text', t]),
  });
  return out;
}

function syntaxError(xml: string): XmlSyntaxError {
  try {
    parseXml(xml, {});
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error;
    throw error;
  }
  throw new Error('expected an XmlSyntaxError');
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

describe('decodeXmlEntities', () => {
  it('decodes the predefined entities and character references', () => {
    expect(decodeXmlEntities('&amp;&lt;&gt;&quot;&apos;')).toBe('&<>"\'');
    expect(decodeXmlEntities('&#20219;&#x52A1;&#X41;&#x1F600;')).toBe('任务&#X41;😀');
  });

  it('keeps anything else as written', () => {
    expect(decodeXmlEntities('a & b &nbsp; &#; &#xZZ; &#0; &#xD800; &#x110000; &amp')).toBe(
      'a & b &nbsp; &#; &#xZZ; &#0; &#xD800; &#x110000; &amp',
    );
    expect(decodeXmlEntities('&&amp;;')).toBe('&&;');
    expect(decodeXmlEntities('&toString;&__proto__;')).toBe('&toString;&__proto__;');
  });
});

describe('parseXml', () => {
  it('reports elements, attributes, namespaces and text in order', () => {
    const xml =
      '<?xml version="1.0"?><!-- c --><r xmlns="urn:d" xmlns:p="urn:p" a=\'1\' p:b="&lt;2&gt;">' +
      'x&amp;y<p:e/><![CDATA[<raw> & ]]><f xmlns="urn:f" xml:space="preserve"> </f></r>';
    expect(events(xml)).toEqual([
      ['open', 'r', 'urn:d', { a: '1', 'p:b': '<2>' }],
      ['text', 'x&y'],
      ['open', 'e', 'urn:p', {}],
      ['close', 'e'],
      ['text', '<raw> & '],
      ['open', 'f', 'urn:f', { 'xml:space': 'preserve' }],
      ['text', ' '],
      ['close', 'f'],
      ['close', 'r'],
    ]);
  });

  it('resolves attribute namespaces and scopes declarations to their element', () => {
    let seen: XmlElement[] = [];
    parseXml('<a xmlns:x="urn:1"><b xmlns:x="urn:2" x:k="v"/><c x:k="w"/></a>', {
      open: (e) => seen.push(e),
    });
    expect(seen.map((e) => attrValue(e, 'k', 'urn:2') ?? attrValue(e, 'k', 'urn:1') ?? null)).toEqual([
      null,
      'v',
      'w',
    ]);
    expect(seen[1]?.attrs[0]?.ns).toBe('urn:2');
    seen = [];
    parseXml('<a xml:lang="zh"/>', { open: (e) => seen.push(e) });
    expect(seen[0]?.attrs[0]?.ns).toBe(XML_NAMESPACE);
  });

  it('skips a DOCTYPE without expanding its entities', () => {
    const xml = '<!DOCTYPE r [<!ENTITY e "boom"><!ELEMENT r ANY>]><r>&e;</r>';
    expect(events(xml)).toEqual([
      ['open', 'r', '', {}],
      ['text', '&e;'],
      ['close', 'r'],
    ]);
  });

  it('rejects XML that is not well-formed', () => {
    expect(syntaxError('<a><b></a>').message).toBe('unexpected end tag </a> at offset 6');
    expect(syntaxError('<a>').message).toBe('unclosed <a> at offset 3');
    expect(syntaxError('<a b=1/>').message).toContain('not quoted');
    expect(syntaxError('<a b/>').message).toContain('has no value');
    expect(syntaxError('<a b="1>').message).toContain('unterminated value');
    expect(syntaxError('<a><!-- x').message).toContain('unterminated comment');
    expect(syntaxError('<a><![CDATA[ x').message).toContain('unterminated CDATA');
    expect(syntaxError('</a>').message).toContain('unexpected end tag');
    expect(syntaxError('< a/>').message).toContain('missing tag name');
  });

  it('decodes UTF-8 and UTF-16 parts', () => {
    const text = '<a>任务</a>';
    expect(decodeXmlBytes(new TextEncoder().encode(`\ufeff${text}`))).toBe(text);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let k = 0; k < text.length; k++) {
      le[2 + 2 * k] = text.charCodeAt(k) & 0xff;
      le[3 + 2 * k] = text.charCodeAt(k) >> 8;
    }
    expect(decodeXmlBytes(le)).toBe(text);
  });

  it('gives back any text it was given, escaped (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        let got = '';
        parseXml(`<a>${escapeXml(text)}</a>`, { text: (t) => (got += t) });
        expect(got).toBe(text);
      }),
    );
  });

  it('never throws anything but XmlSyntaxError on XML-like noise (property)', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '=',
      '"',
      "'",
      '&',
      ';',
      '#',
      'x',
      'a',
      ':',
      ' ',
      '!',
      '?',
      '-',
      '[',
      ']',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        try {
          parseXml(pieces.join(''), { open: () => {}, close: () => {}, text: () => {} });
        } catch (error) {
          expect(error).toBeInstanceOf(XmlSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
