/**
 * S3 lists keys in UTF-8 byte order, which is code point order. JavaScript's `<` compares UTF-16
 * code units, which differs only where a surrogate (half of a code point above U+FFFF) meets a
 * code unit in U+E000..U+FFFF: there UTF-16 puts the surrogate first and UTF-8 puts it last.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` in UTF-8 byte order. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? rank(x) - rank(y) : x - y;
  }
  return a.length - b.length;
}

/** Surrogates above the rest of the BMP, as their code points are. */
function rank(unit: number): number {
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}

/** A key's length in UTF-8 bytes: S3 caps keys (and so useful bounds) at 1,024. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
