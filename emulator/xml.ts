/**
 * The little XML that S3, Route 53 and IAM answer in: escaped text, elements, and the document
 * prologue. Built as
 * plain strings (a 1,000-key page is one `join`), since every listing page goes through here.
 */

const SPECIAL = /[&<>"'\r\n\t\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const SPECIAL_ALL = /[&<>"'\r\n\t\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/**
 * Escapes text for element content. CR, LF and TAB become character references, as S3 writes
 * them, so an XML parser does not normalise them away; other C0 controls cannot appear in XML 1.0
 * at all (S3 asks for `encoding-type=url` for such keys) and are written as references anyway.
 */
export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIAL_ALL, (c) => {
    switch (c) {
      case "&": return "&amp;";
      case "<": return "&lt;";
      case ">": return "&gt;";
      case '"': return "&quot;";
      case "'": return "&apos;";
      default: return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** `<name>text</name>`, the text escaped. */
export function el(name: string, text: string | number | boolean): string {
  return `<${name}>${typeof text === "string" ? escapeXml(text) : String(text)}</${name}>`;
}

/** `el()` when `text` is defined, else nothing. */
export function optEl(name: string, text: string | number | boolean | undefined): string {
  return text === undefined ? "" : el(name, text);
}

export const PROLOGUE = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** A whole document: prologue, a root element in `namespace` (S3's by default), and its children. */
export function document(root: string, children: readonly string[], namespace = S3_NAMESPACE): string {
  return `${PROLOGUE}<${root} xmlns="${namespace}">${children.join("")}</${root}>`;
}
