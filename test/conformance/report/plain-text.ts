/**
 * An adapter's message made safe to write into a report file: ANSI escape codes stripped (an
 * adapter may colour its errors) and every character XML 1.0 forbids dropped (control characters
 * other than tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF). HTML and
 * Markdown use the same text, so every format shows the same message.
 */
import { stripVTControlCharacters } from 'node:util';

const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function plainText(s: string): string {
  return stripVTControlCharacters(s).replace(FORBIDDEN, '');
}
